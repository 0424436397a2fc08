import { Injectable } from '@nestjs/common';
import { derToJose } from 'ecdsa-sig-formatter';
import { type KeyObject, createSign } from 'node:crypto';
import type { RegistryTokenClaims } from '@portcullis/domain';
import { AppConfig } from '../config/app-config';
import { KeyStore, type SigningAlgorithm } from './key-store';

/**
 * Signs registry tokens. The header carries `kid` (the libtrust id distribution 2.8 looks keys up
 * by, and the JWKS id for 3.x) and, unless TOKEN_X5C=false, `x5c` with the signing certificate,
 * which both 2.8 and 3.x try first.
 *
 * Every pull and push asks for a token, so this is the hot path's largest cost after the network.
 * The JWS compact serialization (RFC 7515 §7.1: base64url header, payload and signature joined by
 * dots) is assembled here around node:crypto's signature, with ecdsa-sig-formatter turning ECDSA's
 * DER signature into JWS's r‖s (RFC 7518 §3.4), instead of through @nestjs/jwt/jsonwebtoken, which
 * re-validate the options and the payload, rebuild and re-encode the same header on each call, and
 * cost about a third more per token (measured in the benchmark). The header is encoded once. Tokens
 * are checked with @nestjs/jwt (TokenVerifier), and the signer's tests verify them with it.
 */
@Injectable()
export class TokenSigner {
  private readonly encodedHeader: string;
  private readonly key: KeyObject;
  private readonly algorithm: SigningAlgorithm;

  constructor(keys: KeyStore, config: AppConfig) {
    const key = keys.signing;
    this.key = key.privateKey;
    this.algorithm = key.algorithm;
    const header = {
      typ: 'JWT',
      alg: key.algorithm,
      kid: key.kid,
      ...(config.token.includeX5c ? { x5c: [key.x5c] } : {}),
    };
    this.encodedHeader = Buffer.from(JSON.stringify(header)).toString('base64url');
  }

  sign(claims: RegistryTokenClaims): string {
    const input = `${this.encodedHeader}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    // SHA-256 for both algorithms; node:crypto gives ECDSA signatures in DER, RSA ones as they are.
    const signature = createSign('sha256').update(input).sign(this.key);
    return `${input}.${this.algorithm === 'ES256' ? derToJose(signature, 'ES256') : signature.toString('base64url')}`;
  }
}
