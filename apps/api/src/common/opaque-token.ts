import { createHash, randomBytes } from 'node:crypto';

/** Longer than any token Portcullis issues: such a string is refused before the database is asked. */
const MAX_LENGTH = 128;

/**
 * An opaque bearer secret Portcullis hands out (personal access tokens `pcp_`, registry refresh
 * tokens `pcr_`, API session refresh tokens `pcs_`): a prefix that tells the kinds apart at a
 * glance, 256 random bits, and in the database only its SHA-256 (a lookup key; the bits make
 * guessing hopeless, so no slow hash is needed).
 */
export class OpaqueToken {
  constructor(readonly prefix: string) {}

  generate(): string {
    return this.prefix + randomBytes(32).toString('base64url');
  }

  /** Whether `token` may be one of these: the prefix, and not longer than any issued. */
  accepts(token: string): boolean {
    return token.startsWith(this.prefix) && token.length <= MAX_LENGTH;
  }

  static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
