import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { libtrustKeyId } from '@portcullis/domain';
import { TestDatabase, createTestDatabase } from '@portcullis/testing';
import { loadConfig } from '../config/app-config';
import { Database } from '../database/database';
import { migrate } from '../database/migrator';
import { PrismaService } from '../database/prisma.service';
import { KeyStore, generateKeyPair } from './key-store';
import { SigningKeysRepository } from './signing-keys.repository';

async function dataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'portcullis-keys-'));
}

describe(KeyStore.name, () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let keys: SigningKeysRepository;

  beforeEach(async () => {
    db = await createTestDatabase();
    await migrate(db.url, undefined, { log: () => undefined });
    prisma = new PrismaService({ url: db.url } as Database);
    keys = new SigningKeysRepository(prisma);
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it.each(['ES256', 'RS256'] as const)('should generate a %s key whose certificate certifies it', async (algorithm) => {
    const store = await KeyStore.load(loadConfig({ DATA_DIR: await dataDir(), TOKEN_ALGORITHM: algorithm }), keys);
    expect(store.signing.algorithm).toBe(algorithm);
    const certificate = new X509Certificate(store.certificateBundle);
    expect(libtrustKeyId(certificate.publicKey.export({ format: 'der', type: 'spki' }))).toBe(store.signing.kid);
    expect(certificate.checkPrivateKey(store.signing.privateKey)).toBe(true);
  });

  it('should give replicas starting together, with data directories of their own, one key', async () => {
    const stores = await Promise.all(
      [1, 2, 3].map(async () => KeyStore.load(loadConfig({ DATA_DIR: await dataDir() }), keys)),
    );
    expect(new Set(stores.map((s) => s.signing.kid)).size).toBe(1);
    expect(await prisma.signingKey.count()).toBe(1);
    const again = await KeyStore.load(loadConfig({ DATA_DIR: await dataDir() }), keys);
    expect(again.signing.kid).toBe(stores[0]!.signing.kid);
  });

  it('should adopt the key an earlier version generated into DATA_DIR/keys', async () => {
    const dir = await dataDir();
    const old = await generateKeyPair('ES256', 'earlier');
    await mkdir(join(dir, 'keys'));
    await writeFile(join(dir, 'keys', 'signing-es256.key'), old.keyPem);
    await writeFile(join(dir, 'keys', 'signing-es256.crt'), old.certPem);
    const store = await KeyStore.load(loadConfig({ DATA_DIR: dir }), keys);
    expect(store.signing.pem.trim()).toBe(new X509Certificate(old.certPem).toString().trim());
    expect(store.published).toHaveLength(1);
    // Other replicas, without the files, sign with it too.
    expect((await KeyStore.load(loadConfig({ DATA_DIR: await dataDir() }), keys)).signing.kid).toBe(store.signing.kid);
  });

  it('should publish a retired key beside the new one until its publication ends (rotation)', async () => {
    const config = loadConfig({ DATA_DIR: await dataDir() });
    const old = await KeyStore.load(config, keys);
    await prisma.signingKey.updateMany({
      data: { retiredAt: new Date(), publishUntil: new Date(Date.now() + 3_600_000) },
    });
    const rotated = await KeyStore.load(config, keys);
    expect(rotated.signing.kid).not.toBe(old.signing.kid);
    expect(rotated.published.map((k) => k.kid)).toEqual([rotated.signing.kid, old.signing.kid]);
    expect(rotated.certificateBundle.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    await prisma.signingKey.update({ where: { kid: old.signing.kid }, data: { publishUntil: new Date() } });
    expect((await KeyStore.load(config, keys)).published.map((k) => k.kid)).toEqual([rotated.signing.kid]);
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
      keys,
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
    await expect(KeyStore.load(config, keys)).rejects.toThrow(message);
  });
});
