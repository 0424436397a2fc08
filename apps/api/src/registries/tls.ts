import * as x509 from '@peculiar/x509';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

x509.cryptoProvider.set(globalThis.crypto);

/** A generated front certificate lasts this long: a year, as browsers and clients expect of a leaf. */
const VALIDITY_DAYS = 397;

/**
 * A self-signed certificate for a registry's front (nginx): ECDSA P-256, its host in the
 * `subjectAltName` (a DNS name, or an IP address), valid for server authentication. Clients trust
 * it by installing it (docker and podman: `certs.d/<host:port>/ca.crt`).
 */
export async function selfSignedCertificate(host: string): Promise<{ certPem: string; keyPem: string }> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + VALIDITY_DAYS * 86_400_000);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
      .toString('hex')
      .replace(/^./, '7'),
    name: `CN=${bare}`,
    notBefore,
    notAfter,
    signingAlgorithm: algorithm,
    keys,
    extensions: [
      new x509.SubjectAlternativeNameExtension([{ type: isIP(bare) === 0 ? 'dns' : 'ip', value: bare }]),
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
  return { certPem: certificate.toString('pem'), keyPem };
}
