import { Logger } from '@nestjs/common';
import * as x509 from '@peculiar/x509';
import { KeyObject, X509Certificate, createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { libtrustKeyId } from '@portcullis/domain';
import { AppConfig } from '../config/app-config';

export type SigningAlgorithm = 'ES256' | 'RS256';

/** A certificate whose key registries trust, with the ids they look it up by. */
export interface PublishedKey {
  /** libtrust key id: the `kid` of tokens and of the JWKS entry. */
  readonly kid: string;
  readonly algorithm: SigningAlgorithm;
  readonly certificate: X509Certificate;
  readonly pem: string;
  /** Standard base64 DER, as a JWS `x5c` element. */
  readonly x5c: string;
  /** SHA-256 fingerprint of the certificate, for operators. */
  readonly fingerprint: string;
  readonly source: string;
}

export interface SigningKey extends PublishedKey {
  readonly privateKey: KeyObject;
}

x509.cryptoProvider.set(globalThis.crypto);

const GENERATED_VALIDITY_YEARS = 10;

function algorithmOf(key: KeyObject, source: string): SigningAlgorithm {
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) return 'RS256';
  throw new Error(`${source}: the key must be ECDSA P-256 (ES256) or RSA of at least 2048 bits (RS256)`);
}

function publishedKey(pem: string, source: string): PublishedKey {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    throw new Error(`${source}: not a PEM certificate`);
  }
  const publicKey = certificate.publicKey;
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    kid: libtrustKeyId(spki),
    algorithm: algorithmOf(publicKey, source),
    certificate,
    pem: certificate.toString(),
    x5c: certificate.raw.toString('base64'),
    fingerprint: certificate.fingerprint256,
    source,
  };
}

/** Generates a key pair and a self-signed certificate for it (PEM strings). */
export async function generateKeyPair(
  algorithm: SigningAlgorithm,
  commonName: string,
): Promise<{ keyPem: string; certPem: string }> {
  const params =
    algorithm === 'ES256'
      ? { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
      : { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(params, true, ['sign', 'verify']);
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + GENERATED_VALIDITY_YEARS);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: webcrypto
      .getRandomValues(new Uint8Array(16))
      .reduce((s, b) => s + b.toString(16).padStart(2, '0'), '7'),
    name: `CN=${commonName}`,
    notBefore,
    notAfter,
    signingAlgorithm: params,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
  return { keyPem, certPem: certificate.toString('pem') };
}

/**
 * The token signing key and every certificate registries should trust. The signing key comes from
 * TOKEN_KEY_FILE/TOKEN_CERT_FILE, or is generated on first start into `<DATA_DIR>/keys` (files
 * 0600). Every other `*.crt` in that folder and each TOKEN_EXTRA_CERT_FILES entry is published too,
 * so a key rotation keeps the previous key's live tokens valid until they expire.
 */
export class KeyStore {
  private static readonly logger = new Logger('KeyStore');

  private constructor(
    readonly signing: SigningKey,
    readonly published: readonly PublishedKey[],
  ) {}

  /** The PEM bundle for the registry's `auth.token.rootcertbundle`. */
  get certificateBundle(): string {
    return this.published.map((k) => k.pem.trim()).join('\n') + '\n';
  }

  static async load(config: AppConfig): Promise<KeyStore> {
    const keysDir = join(config.dataDir, 'keys');
    let keyFile = config.token.keyFile;
    let certFile = config.token.certFile;
    if (keyFile === undefined || certFile === undefined) {
      const stem = `signing-${config.token.algorithm.toLowerCase()}`;
      keyFile = join(keysDir, `${stem}.key`);
      certFile = join(keysDir, `${stem}.crt`);
      if (!existsSync(keyFile) || !existsSync(certFile)) {
        await mkdir(keysDir, { recursive: true, mode: 0o700 });
        const { keyPem, certPem } = await generateKeyPair(
          config.token.algorithm,
          `${config.token.issuer} token signer`,
        );
        await writeFile(keyFile, keyPem, { mode: 0o600 });
        await writeFile(certFile, certPem, { mode: 0o600 });
        KeyStore.logger.log(`Generated a ${config.token.algorithm} token signing key in ${keysDir}`);
      }
    }

    const signingCert = publishedKey(await readFile(certFile, 'utf8'), certFile);
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(await readFile(keyFile, 'utf8'));
    } catch {
      throw new Error(`${keyFile}: not a PEM private key`);
    }
    const derivedPublic = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    if (libtrustKeyId(derivedPublic) !== signingCert.kid) {
      throw new Error(`${certFile} does not certify the key in ${keyFile}`);
    }
    const signing: SigningKey = { ...signingCert, privateKey };

    const published: PublishedKey[] = [signing];
    const extra = [...config.token.extraCertFiles];
    if (existsSync(keysDir)) {
      for (const file of (await readdir(keysDir)).sort()) {
        const path = join(keysDir, file);
        if (file.endsWith('.crt') && path !== certFile) extra.push(path);
      }
    }
    for (const path of extra) {
      const key = publishedKey(await readFile(path, 'utf8'), basename(path));
      if (!published.some((p) => p.kid === key.kid)) published.push(key);
    }
    KeyStore.logger.log(
      `Signing tokens with ${signing.algorithm} key ${signing.kid}; publishing ${published.length} key(s)`,
    );
    return new KeyStore(signing, published);
  }
}
