import { base32nopad } from '@scure/base';
import { createHash } from 'node:crypto';

/**
 * The libtrust key id of a public key (docker/libtrust `util.go` `keyIDFromCryptoKey`): SHA-256 of
 * the DER SubjectPublicKeyInfo, first 240 bits, RFC 4648 base32 without padding, twelve groups of
 * four characters joined by ':'. distribution 2.8 finds a token's key by this id when the header
 * carries no `x5c`; distribution 3.x finds it in a JWKS under the same `kid`.
 */
export function libtrustKeyId(spkiDer: Uint8Array): string {
  const digest = createHash('sha256').update(spkiDer).digest().subarray(0, 30);
  const encoded = base32nopad.encode(digest);
  return encoded.match(/.{4}/g)!.join(':');
}
