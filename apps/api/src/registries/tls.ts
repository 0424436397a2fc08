import { isIP } from 'node:net';
import { selfSigned } from '../signing/self-signed';

/** A generated front certificate lasts this long: a year, as browsers and clients expect of a leaf. */
const VALIDITY_DAYS = 397;

/**
 * A self-signed certificate for a registry's front (nginx): ECDSA P-256, its host in the
 * `subjectAltName` (a DNS name, or an IP address), valid for server authentication. Clients trust
 * it by installing it (docker and podman: `certs.d/<host:port>/ca.crt`).
 */
export function selfSignedCertificate(host: string): Promise<{ certPem: string; keyPem: string }> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return selfSigned({
    algorithm: 'ES256',
    commonName: bare,
    validity: { days: VALIDITY_DAYS },
    extensions: (x509) => [
      new x509.SubjectAlternativeNameExtension([{ type: isIP(bare) === 0 ? 'dns' : 'ip', value: bare }]),
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
}
