// The registry token the way Portcullis signs it (apps/api/src/signing/token-signer.ts): ES256 with
// node:crypto, ecdsa-sig-formatter for the JWS form, the header encoded once. Shared by the bare
// reference token server and the bare crawler, the floors Portcullis is measured against.
import { derToJose } from 'ecdsa-sig-formatter';
import { X509Certificate, createPrivateKey, createSign, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** `sign(subject, service, access)`: a token valid for `ttlSeconds`. */
export function registryTokenSigner({ keyFile, certFile, kid }, ttlSeconds = 300) {
  const privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
  const x5c = new X509Certificate(readFileSync(certFile, 'utf8')).raw.toString('base64');
  const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'ES256', kid, x5c: [x5c] })).toString('base64url');
  return (subject, service, access) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'portcullis',
      sub: subject,
      aud: service,
      exp: now + ttlSeconds,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${input}.${derToJose(createSign('sha256').update(input).sign(privateKey), 'ES256')}`;
  };
}
