import { Logger } from '@nestjs/common';
import { KeyObject, X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { libtrustKeyId } from '@portcullis/domain';
import { AppConfig } from '../config/app-config';
import { selfSigned } from './self-signed';
import { SigningKeysRepository } from './signing-keys.repository';

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
export function generateKeyPair(
  algorithm: SigningAlgorithm,
  commonName: string,
): Promise<{ keyPem: string; certPem: string }> {
  return selfSigned({
    algorithm,
    commonName,
    validity: { years: GENERATED_VALIDITY_YEARS },
    extensions: (x509) => [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
    ],
  });
}

function privateKeyOf(pem: string, source: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new Error(`${source}: not a PEM private key`);
  }
}

/** The signing key of a PEM key and certificate, checked to belong together. */
function signingKeyOf(keyPem: string, certPem: string, keySource: string, certSource: string): SigningKey {
  const certificate = publishedKey(certPem, certSource);
  const privateKey = privateKeyOf(keyPem, keySource);
  const derivedPublic = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  if (libtrustKeyId(derivedPublic) !== certificate.kid) {
    throw new Error(`${certSource} does not certify the key in ${keySource}`);
  }
  return { ...certificate, privateKey };
}

/**
 * The token signing key and every certificate registries should trust. The signing key comes from
 * TOKEN_KEY_FILE/TOKEN_CERT_FILE (the same files on every replica), or is generated on first start
 * into the database, so that every replica signs with it. A key an earlier version generated into
 * `<DATA_DIR>/keys` is adopted rather than replaced, so its tokens and the registries' bundles stay
 * valid. Published besides the signing key: retired database keys until their `publish_until`,
 * every other `*.crt` in `<DATA_DIR>/keys`, and each TOKEN_EXTRA_CERT_FILES entry.
 */
export class KeyStore {
  private static readonly logger = new Logger('KeyStore');

  private constructor(
    readonly signing: SigningKey,
    readonly published: readonly PublishedKey[],
  ) {}

  /** The published keys as an RFC 7517 key set (distribution 3.x `auth.token.jwks`), `kid` = libtrust key id. */
  jwks(): { keys: { kty: string; kid: string; alg: string; use: 'sig'; x5c: string[] }[] } {
    return {
      keys: this.published.map((key) => ({
        ...(key.certificate.publicKey.export({ format: 'jwk' }) as { kty: string }),
        kid: key.kid,
        alg: key.algorithm,
        use: 'sig',
        x5c: [key.x5c],
      })),
    };
  }

  /** The PEM bundle for the registry's `auth.token.rootcertbundle`. */
  get certificateBundle(): string {
    return this.published.map((k) => k.pem.trim()).join('\n') + '\n';
  }

  static async load(config: AppConfig, keys: SigningKeysRepository): Promise<KeyStore> {
    const keysDir = join(config.dataDir, 'keys');
    const { keyFile, certFile, algorithm } = config.token;
    let signing: SigningKey;
    const published: PublishedKey[] = [];
    const legacy = join(keysDir, `signing-${algorithm.toLowerCase()}`);
    if (keyFile !== undefined && certFile !== undefined) {
      signing = signingKeyOf(await readFile(keyFile, 'utf8'), await readFile(certFile, 'utf8'), keyFile, certFile);
      published.push(signing);
    } else {
      const stored = await keys.signing(algorithm, async () => {
        let pems: { keyPem: string; certPem: string };
        if (existsSync(`${legacy}.key`) && existsSync(`${legacy}.crt`)) {
          pems = { keyPem: await readFile(`${legacy}.key`, 'utf8'), certPem: await readFile(`${legacy}.crt`, 'utf8') };
          KeyStore.logger.log(`Moved the ${algorithm} token signing key of ${keysDir} into the database`);
        } else {
          pems = await generateKeyPair(algorithm, `${config.token.issuer} token signer`);
          KeyStore.logger.log(`Generated a ${algorithm} token signing key, shared by every replica`);
        }
        const key = signingKeyOf(pems.keyPem, pems.certPem, `${algorithm} key`, `${algorithm} certificate`);
        return { kid: key.kid, algorithm, privateKeyPem: pems.keyPem, certificatePem: pems.certPem };
      });
      signing = signingKeyOf(
        stored.privateKeyPem,
        stored.certificatePem,
        `key ${stored.kid}`,
        `certificate ${stored.kid}`,
      );
      published.push(signing);
      for (const key of await keys.published(new Date())) {
        published.push(publishedKey(key.certificatePem, `certificate ${key.kid}`));
      }
    }

    const extra = [...config.token.extraCertFiles];
    if (existsSync(keysDir)) {
      for (const file of (await readdir(keysDir)).sort()) {
        const path = join(keysDir, file);
        if (file.endsWith('.crt') && path !== certFile && path !== `${legacy}.crt`) extra.push(path);
      }
    }
    for (const path of extra) published.push(publishedKey(await readFile(path, 'utf8'), basename(path)));
    const unique = published.filter((key, i) => published.findIndex((k) => k.kid === key.kid) === i);
    KeyStore.logger.log(
      `Signing tokens with ${signing.algorithm} key ${signing.kid}; publishing ${unique.length} key(s)`,
    );
    return new KeyStore(signing, unique);
  }
}
