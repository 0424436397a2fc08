import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

/** OWASP's argon2id baseline: 19 MiB, two passes, one lane. */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** `$2a$`, `$2b$` and `$2y$` (htpasswd, docker_auth) are the same bcrypt. */
const BCRYPT = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/;
const ARGON2ID = /^\$argon2id\$/;

/** Whether a stored hash is one Portcullis can check. */
export function isSupportedHash(hashed: string): boolean {
  return ARGON2ID.test(hashed) || BCRYPT.test(hashed);
}

export function isBcryptHash(hashed: string): boolean {
  return BCRYPT.test(hashed);
}

/** Hashes and checks secrets with argon2id; checks imported bcrypt hashes until they are upgraded. */
@Injectable()
export class PasswordHasher {
  /** A hash of a random string, checked when a login name is unknown so both paths cost the same. */
  private readonly decoy: Promise<string> = hash(crypto.randomUUID(), OPTIONS);

  hash(secret: string): Promise<string> {
    return hash(secret, OPTIONS);
  }

  async verify(hashed: string, secret: string): Promise<boolean> {
    try {
      if (BCRYPT.test(hashed)) return await bcrypt.compare(secret, hashed.replace(/^\$2y\$/, '$2b$'));
      return await verify(hashed, secret);
    } catch {
      return false;
    }
  }

  /** Whether a hash that verified should be replaced by an argon2id one. */
  needsUpgrade(hashed: string): boolean {
    return !ARGON2ID.test(hashed);
  }

  /** Spends the time of one verification and fails: for unknown or disabled accounts. */
  async verifyNothing(secret: string): Promise<false> {
    await this.verify(await this.decoy, secret);
    return false;
  }
}
