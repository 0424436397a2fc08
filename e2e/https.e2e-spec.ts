import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { promisify } from 'node:util';
import { Agent } from 'undici';
import {
  type RegistryServer,
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  freePort,
  notificationAuthorizationOf,
  pushWithToken,
  startPortcullis,
  startRegistry,
  writeOciImage,
} from '@portcullis/testing';

const run = promisify(execFile);

/** A self-signed certificate for localhost (openssl, as an operator would make one). */
async function certificate(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=localhost ${name}`,
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  return { cert, key };
}

/** The fingerprint of the certificate a new TLS connection to `port` is served. */
function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
      resolve(socket.getPeerX509Certificate()!.fingerprint256);
      socket.end();
    });
    socket.on('error', reject);
  });
}

async function fingerprintOf(certFile: string): Promise<string> {
  return new X509Certificate(await readFile(certFile)).fingerprint256;
}

/**
 * Portcullis serving HTTPS itself (TLS_CERT_FILE, TLS_KEY_FILE): clients that trust its
 * certificate use it, a real registry delivers its notifications to it, and a renewed certificate
 * is served without a restart.
 */
describe('HTTPS served by Portcullis', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let registry: RegistryServer | undefined;
  let dir: string;
  let first: { cert: string; key: string };
  let second: { cert: string; key: string };
  let served: { cert: string; key: string };
  let port: number;
  let trusting: Agent;

  const api = async (path: string, init: RequestInit = {}) =>
    fetch(`${portcullis.url}${path}`, { ...init, dispatcher: trusting });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portcullis-https-'));
    first = await certificate(dir, 'first');
    second = await certificate(dir, 'second');
    served = { cert: join(dir, 'served.crt'), key: join(dir, 'served.key') };
    await copyFile(first.cert, served.cert);
    await copyFile(first.key, served.key);
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url, TLS_CERT_FILE: served.cert, TLS_KEY_FILE: served.key });
    port = Number(new URL(portcullis.url).port);
    trusting = new Agent({ connect: { ca: await readFile(first.cert, 'utf8') } });
  });

  afterAll(async () => {
    await registry?.stop();
    await trusting?.close();
    await portcullis?.close();
    await db?.drop();
  });

  it('should answer over https to a client that trusts its certificate, and not over plain http', async () => {
    expect(portcullis.url).toMatch(/^https:\/\/localhost:\d+$/);
    expect((await api('/api/v1/health')).status).toBe(200);
    await expect(fetch(`${portcullis.url}/api/v1/health`)).rejects.toThrow();
    await expect(fetch(`http://localhost:${port}/api/v1/health`)).rejects.toThrow();
  });

  it('should issue tokens to a real registry over https, and take its notifications over https', async () => {
    const login = await api('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const admin = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const registryPort = await freePort();
    const service = `localhost:${registryPort}`;
    const declared = await api('/api/v1/registries', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ service, url: `http://${service}` }),
    });
    const registryId = ((await declared.json()) as { id: number }).id;
    const config = (await (await api(`/api/v1/registries/${registryId}/config`, { headers: admin })).json()) as {
      configYml: string;
    };
    expect(config.configYml).toContain(`${portcullis.url}/registry/events`);
    // The registry trusts Portcullis's certificate as Go programs do: SSL_CERT_FILE.
    registry = await startRegistry({
      port: registryPort,
      realm: `${portcullis.url}/token`,
      issuer: 'portcullis',
      rootCertBundle: await (await api('/token/certs')).text(),
      notifications: {
        endpoints: [
          {
            name: 'portcullis',
            url: `${portcullis.url}/registry/events`,
            headers: { Authorization: [notificationAuthorizationOf(config.configYml)] },
            timeout: '2s',
            threshold: 3,
            backoff: '1s',
          },
        ],
      },
      env: { SSL_CERT_FILE: first.cert },
    });
    const token = await api(`/token?service=${service}&scope=repository:library/secure:pull,push`, {
      headers: { authorization: basicAuthorization(TEST_ADMIN) },
    });
    expect(token.status).toBe(200);
    const image = await writeOciImage(await mkdtemp(join(tmpdir(), 'portcullis-image-')), { tag: 'v1' });
    await pushWithToken(registry.url, 'library/secure', 'v1', image, ((await token.json()) as { token: string }).token);
    // The registry's notification reached Portcullis over https.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const listed = (await (
        await api(`/api/v1/registries/${registryId}/repositories`, { headers: admin })
      ).json()) as { items: { name: string }[] };
      if (listed.items.some((r) => r.name === 'library/secure')) break;
      if (Date.now() > deadline) throw new Error(`no notification arrived; see ${registry.dir}/registry.log`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  it.each([
    [{ TLS_CERT_FILE: 'first.crt' }, /TLS_CERT_FILE, TLS_KEY_FILE: set both or neither/],
    [{ TLS_CERT_FILE: 'first.crt', TLS_KEY_FILE: 'second.key' }, /not a certificate chain and its private key/],
    [
      { TLS_CERT_FILE: 'missing.crt', TLS_KEY_FILE: 'first.key' },
      /TLS_CERT_FILE: cannot read .*missing\.crt \(ENOENT\)/,
    ],
  ])('should refuse to start with %j, saying why', async (files, reason) => {
    const env = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, join(dir, file)]));
    await expect(startPortcullis({ DATABASE_URL: db.url, ...env })).rejects.toThrow(reason);
  });

  it('should serve a renewed certificate without a restart, and keep the old one while the files are broken', async () => {
    expect(await servedFingerprint(port)).toBe(await fingerprintOf(first.cert));
    // A renewal written in place, key then certificate (between the two the pair does not match).
    await writeFile(served.key, await readFile(second.key));
    await writeFile(served.cert, await readFile(second.cert));
    const renewed = await fingerprintOf(second.cert);
    const deadline = Date.now() + 10_000;
    while ((await servedFingerprint(port)) !== renewed) {
      if (Date.now() > deadline) throw new Error('the renewed certificate is not served');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const trustingSecond = new Agent({ connect: { ca: await readFile(second.cert, 'utf8') } });
    try {
      const health = await fetch(`${portcullis.url}/api/v1/health`, { dispatcher: trustingSecond });
      expect(health.status).toBe(200);
    } finally {
      await trustingSecond.close();
    }
    // A broken renewal (as Kubernetes swaps a secret: a rename) is not served.
    await writeFile(join(dir, 'broken.crt'), 'not a certificate');
    await rename(join(dir, 'broken.crt'), served.cert);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await servedFingerprint(port)).toBe(renewed);
  }, 30_000);
});
