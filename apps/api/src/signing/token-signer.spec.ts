import { JwtService } from '@nestjs/jwt';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { RegistryTokenClaims } from '@portcullis/domain';
import type { AppConfig } from '../config/app-config';
import { type KeyStore, type SigningAlgorithm, generateKeyPair } from './key-store';
import { TokenSigner } from './token-signer';

const claims: RegistryTokenClaims = {
  iss: 'portcullis',
  sub: 'alice',
  aud: 'registry.test',
  exp: 4_102_444_800,
  nbf: 1_700_000_000,
  iat: 1_700_000_000,
  jti: '6f1c2b9e-8d0a-4d8f-9a57-1f2e3d4c5b6a',
  access: [
    { type: 'repository', name: 'users/alice/app', actions: ['pull', 'push'] },
    { type: 'repository', name: 'library/ünïcode', actions: [] },
  ],
};

async function signerFor(algorithm: SigningAlgorithm, includeX5c = true) {
  const { keyPem, certPem } = await generateKeyPair(algorithm, 'signer test');
  const certificate = new X509Certificate(certPem);
  const keys = {
    signing: {
      privateKey: createPrivateKey(keyPem),
      algorithm,
      kid: 'ABCD:EFGH',
      x5c: certificate.raw.toString('base64'),
    },
  } as unknown as KeyStore;
  const config = { token: { includeX5c } } as AppConfig;
  return { signer: new TokenSigner(keys, config), certPem, x5c: certificate.raw.toString('base64') };
}

const segment = (token: string, i: number): unknown =>
  JSON.parse(Buffer.from(token.split('.')[i]!, 'base64url').toString());

describe('TokenSigner', () => {
  it.each(['ES256', 'RS256'] as const)(
    'signs %s tokens that @nestjs/jwt verifies with the certificate',
    async (alg) => {
      const { signer, certPem, x5c } = await signerFor(alg);
      const token = signer.sign(claims);
      expect(new JwtService().verify(token, { publicKey: certPem, algorithms: [alg] })).toEqual(claims);
      expect(segment(token, 0)).toEqual({ typ: 'JWT', alg, kid: 'ABCD:EFGH', x5c: [x5c] });
      // Compact serialization: three base64url parts, no padding.
      expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    },
  );

  it('gives ECDSA signatures as JWS wants them: r and s, 32 bytes each, not DER', async () => {
    const { signer } = await signerFor('ES256');
    for (let i = 0; i < 20; i++) {
      expect(Buffer.from(signer.sign({ ...claims, jti: String(i) }).split('.')[2]!, 'base64url')).toHaveLength(64);
    }
  });

  it('leaves x5c out when TOKEN_X5C=false', async () => {
    const { signer } = await signerFor('ES256', false);
    expect(segment(signer.sign(claims), 0)).toEqual({ typ: 'JWT', alg: 'ES256', kid: 'ABCD:EFGH' });
  });

  it('signs the payload: a token whose claims were changed does not verify', async () => {
    const { signer, certPem } = await signerFor('ES256');
    const [header, , signature] = signer.sign(claims).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'mallory' })).toString('base64url');
    expect(() => {
      new JwtService().verify(`${header}.${forged}.${signature}`, { publicKey: certPem, algorithms: ['ES256'] });
    }).toThrow(/invalid signature/);
  });
});
