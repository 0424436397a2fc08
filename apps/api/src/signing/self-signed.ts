import type * as X509 from '@peculiar/x509';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { loadLater } from '../common/load-later';

/**
 * @peculiar/x509, loaded when a certificate is first made (a new signing key, a registry front's
 * certificate): about 90 ms of start-up otherwise.
 */
const x509 = loadLater(async () => {
  const library = await import('@peculiar/x509');
  library.cryptoProvider.set(globalThis.crypto);
  return library;
});

/** The Web Crypto parameters of the key types Portcullis generates. */
export const KEY_PARAMETERS = {
  ES256: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  RS256: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
} as const;

/**
 * A new key pair and a self-signed certificate for it, as PEM: the token signing keys and a
 * registry front's certificate are both made here.
 */
export async function selfSigned(options: {
  algorithm: keyof typeof KEY_PARAMETERS;
  commonName: string;
  /** Valid from a minute ago for this long. */
  validity: { years: number } | { days: number };
  /** The certificate's extensions, made with the library passed in. */
  extensions: (x509: typeof X509) => X509.Extension[];
}): Promise<{ keyPem: string; certPem: string }> {
  const library = await x509();
  const params = KEY_PARAMETERS[options.algorithm];
  const keys = await webcrypto.subtle.generateKey(params, true, ['sign', 'verify']);
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore);
  if ('years' in options.validity) notAfter.setUTCFullYear(notAfter.getUTCFullYear() + options.validity.years);
  else notAfter.setTime(notBefore.getTime() + options.validity.days * 86_400_000);
  const certificate = await library.X509CertificateGenerator.createSelfSigned({
    // Positive (a leading 7), 16 random bytes.
    serialNumber: `7${Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex')}`,
    name: `CN=${options.commonName}`,
    notBefore,
    notAfter,
    signingAlgorithm: params,
    keys,
    extensions: options.extensions(library),
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
  return { keyPem, certPem: certificate.toString('pem') };
}
