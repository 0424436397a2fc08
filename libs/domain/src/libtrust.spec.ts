import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { libtrustKeyId } from './libtrust';

// jwt.md's example key; its libtrust id is printed in the same document.
const X = 'm7zUpx3b-zmVE5cymSs64POG9QcyEpJaYCD82-549_Q';
const Y = 'dU3biz8sZ_8GPB-odm8Wxz3lNDr1xcAQQPQaOcr1fmc';
const EXPECTED = 'PYYO:TEWU:V7JH:26JV:AQTZ:LJC3:SXVJ:XGHA:34F2:2LAQ:ZRMK:Z7Q6';

describe('libtrustKeyId', () => {
  it('should reproduce the key id of the token spec example key', () => {
    const spki = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: X, y: Y }, format: 'jwk' }).export({
      format: 'der',
      type: 'spki',
    });
    expect(libtrustKeyId(spki)).toBe(EXPECTED);
  });

  it('should match the SPKI layout the spec gives for P-256', () => {
    const raw = Buffer.concat([
      Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex'),
      Buffer.from([4]),
      Buffer.from(X, 'base64url'),
      Buffer.from(Y, 'base64url'),
    ]);
    expect(libtrustKeyId(raw)).toBe(EXPECTED);
  });

  it.each(['ec', 'rsa'] as const)('should give twelve groups of four base32 characters for a %s key', (type) => {
    const { publicKey } =
      type === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(libtrustKeyId(publicKey.export({ format: 'der', type: 'spki' }))).toMatch(/^[A-Z2-7]{4}(:[A-Z2-7]{4}){11}$/);
  });
});
