import { X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { libtrustKeyId } from '@portcullis/domain';
import { loadConfig } from '../config/app-config';
import { KeyStore, generateKeyPair } from './key-store';

async function dataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'portcullis-keys-'));
}

describe(KeyStore.name, () => {
  it.each(['ES256', 'RS256'] as const)(
    'should generate a %s key and certificate readable by their owner only',
    async (algorithm) => {
      const dir = await dataDir();
      const store = await KeyStore.load(loadConfig({ DATA_DIR: dir, TOKEN_ALGORITHM: algorithm }));
      expect(store.signing.algorithm).toBe(algorithm);
      const files = (await readdir(join(dir, 'keys'))).sort();
      expect(files).toEqual([`signing-${algorithm.toLowerCase()}.crt`, `signing-${algorithm.toLowerCase()}.key`]);
      for (const file of files) expect((await stat(join(dir, 'keys', file))).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'keys'))).mode & 0o077).toBe(0);
      const certificate = new X509Certificate(store.certificateBundle);
      expect(libtrustKeyId(certificate.publicKey.export({ format: 'der', type: 'spki' }))).toBe(store.signing.kid);
      expect(certificate.checkPrivateKey(store.signing.privateKey)).toBe(true);
    },
  );

  it('should keep the same key across restarts', async () => {
    const config = loadConfig({ DATA_DIR: await dataDir() });
    const first = await KeyStore.load(config);
    const second = await KeyStore.load(config);
    expect(second.signing.kid).toBe(first.signing.kid);
  });

  it('should publish a retired certificate beside the new signing key (rotation)', async () => {
    const dir = await dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    const old = await KeyStore.load(config);
    await rename(join(dir, 'keys', 'signing-es256.crt'), join(dir, 'keys', 'retired-2026.crt'));
    await rename(join(dir, 'keys', 'signing-es256.key'), join(dir, 'keys', 'retired-2026.key'));
    const rotated = await KeyStore.load(config);
    expect(rotated.signing.kid).not.toBe(old.signing.kid);
    expect(rotated.published.map((k) => k.kid)).toEqual([rotated.signing.kid, old.signing.kid]);
    expect(rotated.certificateBundle.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });

  it('should sign with a configured key and publish extra certificates', async () => {
    const dir = await dataDir();
    const own = await generateKeyPair('ES256', 'own');
    const extra = await generateKeyPair('RS256', 'extra');
    await writeFile(join(dir, 'own.key'), own.keyPem);
    await writeFile(join(dir, 'own.crt'), own.certPem);
    await writeFile(join(dir, 'extra.crt'), extra.certPem);
    const store = await KeyStore.load(
      loadConfig({
        DATA_DIR: join(dir, 'data'),
        TOKEN_KEY_FILE: join(dir, 'own.key'),
        TOKEN_CERT_FILE: join(dir, 'own.crt'),
        TOKEN_EXTRA_CERT_FILES: join(dir, 'extra.crt'),
      }),
    );
    expect(store.signing.kid).toBe(
      libtrustKeyId(new X509Certificate(own.certPem).publicKey.export({ format: 'der', type: 'spki' })),
    );
    expect(store.published.map((k) => k.algorithm)).toEqual(['ES256', 'RS256']);
  });

  it.each([
    [
      'a certificate of another key',
      async (dir: string) => {
        const a = await generateKeyPair('ES256', 'a');
        const b = await generateKeyPair('ES256', 'b');
        await writeFile(join(dir, 'k'), a.keyPem);
        await writeFile(join(dir, 'c'), b.certPem);
      },
      /does not certify the key/,
    ],
    [
      'a key that is not PEM',
      async (dir: string) => {
        const a = await generateKeyPair('ES256', 'a');
        await writeFile(join(dir, 'k'), 'not a key');
        await writeFile(join(dir, 'c'), a.certPem);
      },
      /not a PEM private key/,
    ],
    [
      'a certificate that is not PEM',
      async (dir: string) => {
        const a = await generateKeyPair('ES256', 'a');
        await writeFile(join(dir, 'k'), a.keyPem);
        await writeFile(join(dir, 'c'), 'garbage');
      },
      /not a PEM certificate/,
    ],
  ])('should refuse to start with %s', async (_, prepare, message) => {
    const dir = await dataDir();
    await prepare(dir);
    const config = loadConfig({ DATA_DIR: dir, TOKEN_KEY_FILE: join(dir, 'k'), TOKEN_CERT_FILE: join(dir, 'c') });
    await expect(KeyStore.load(config)).rejects.toThrow(message);
  });
});
