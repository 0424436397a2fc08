import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { RegistryTokenClaims } from '@portcullis/domain';
import { AppConfig } from '../config/app-config';
import { KeyStore } from './key-store';

/**
 * Signs registry tokens. The header carries `kid` (the libtrust id distribution 2.8 looks keys up
 * by, and the JWKS id for 3.x) and, unless TOKEN_X5C=false, `x5c` with the signing certificate,
 * which both 2.8 and 3.x try first.
 */
@Injectable()
export class TokenSigner {
  private readonly header: Record<string, unknown>;

  constructor(
    private readonly jwt: JwtService,
    private readonly keys: KeyStore,
    config: AppConfig,
  ) {
    const key = keys.signing;
    this.header = {
      typ: 'JWT',
      alg: key.algorithm,
      kid: key.kid,
      ...(config.token.includeX5c ? { x5c: [key.x5c] } : {}),
    };
  }

  sign(claims: RegistryTokenClaims): string {
    return this.jwt.sign(claims, {
      algorithm: this.keys.signing.algorithm,
      privateKey: this.keys.signing.privateKey,
      header: this.header as never,
      // iat, nbf and exp come from the claims builder, as integers; jsonwebtoken keeps a given
      // iat (its noTimestamp option would delete it).
    });
  }
}
