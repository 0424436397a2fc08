import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AccessClaim } from '@portcullis/domain';
import { AppConfig } from '../config/app-config';
import { KeyStore } from './key-store';

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

  verify(token: string): VerifiedRegistryToken | undefined {
    const kid = this.jwt.decode<{ header: { kid?: unknown } } | null>(token, { complete: true })?.header.kid;
    const key = this.keys.published.find((k) => k.kid === kid);
    if (!key) return undefined;
    try {
      const claims = this.jwt.verify<VerifiedRegistryToken & object>(token, {
        publicKey: key.pem,
        algorithms: [key.algorithm],
        issuer: this.config.token.issuer,
      });
      return typeof claims.sub === 'string' && Array.isArray(claims.access) ? claims : undefined;
    } catch {
      return undefined;
    }
  }
}
