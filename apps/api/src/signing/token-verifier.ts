import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { KeyObject } from 'node:crypto';
import type { AccessClaim } from '@portcullis/domain';
import { AppConfig } from '../config/app-config';
import { KeyStore, type PublishedKey } from './key-store';

export interface VerifiedRegistryToken {
  sub: string;
  aud: string;
  access: AccessClaim[];
}

/** Whether the token grants one of `actions` on the resource `type:name` (`*` included). */
export function grantsAny(
  claims: VerifiedRegistryToken,
  type: string,
  name: string,
  actions: readonly string[],
): boolean {
  return claims.access.some(
    (a) =>
      a.type === type && a.name === name && (a.actions.includes('*') || actions.some((x) => a.actions.includes(x))),
  );
}

/**
 * Checks a registry token Portcullis issued (docker search sends one as a Bearer token): one of the
 * published keys by `kid`, that key's algorithm only, this issuer, not expired.
 */
@Injectable()
export class TokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly keys: KeyStore,
    private readonly config: AppConfig,
  ) {}

  /** Each published key's public key, parsed once (from the certificate's PEM, it took a parse per token). */
  private readonly publicKeys = new WeakMap<PublishedKey, KeyObject>();

  verify(token: string): VerifiedRegistryToken | undefined {
    const kid = this.jwt.decode<{ header: { kid?: unknown } } | null>(token, { complete: true })?.header.kid;
    const key = this.keys.published.find((k) => k.kid === kid);
    if (!key) return undefined;
    let publicKey = this.publicKeys.get(key);
    if (publicKey === undefined) this.publicKeys.set(key, (publicKey = key.certificate.publicKey));
    try {
      const claims = this.jwt.verify<VerifiedRegistryToken & object>(token, {
        // jsonwebtoken takes a KeyObject as it is; @nestjs/jwt's type for this option only names
        // the forms it would parse.
        publicKey: publicKey as unknown as string,
        algorithms: [key.algorithm],
        issuer: this.config.token.issuer,
      });
      return typeof claims.sub === 'string' && Array.isArray(claims.access) ? claims : undefined;
    } catch {
      return undefined;
    }
  }
}
