import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CaptureServer, type ProvisionedRegistry, runProvisioned, startCaptureServer } from '@portcullis/testing';
import { freePort } from '../common/free-port';
import { registryBundle } from './registry-bundle';
import { type RegistryFilesInput, serverFileOf } from './registry-files';
import { selfSignedCertificate } from './tls';

const SECRET = '7.notification-secret-of-the-test';
const DISCOVERY_KEY = 'discovery-key-of-the-test-0123456789abcdefghijk';

/**
 * A provisioned registry runs from its files exactly as written: Debian's docker-registry and
 * nginx, given only the directory (and the ports chosen at provision time).
 */
describe('A provisioned registry, run as written', () => {
  let dir: string;
  let input: RegistryFilesInput;
  let portcullis: CaptureServer;
  let provisioned: ProvisionedRegistry;
  const forwarded: Record<string, string | string[] | undefined>[] = [];
  const paths: string[] = [];

  const front = (path: string, init?: RequestInit) => provisioned.front(path, init);

  beforeAll(async () => {
    // Portcullis's part here is docker search: a stand-in that records what nginx forwards.
    portcullis = await startCaptureServer((request, response) => {
      forwarded.push(request.headers);
      paths.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"query":"x","num_results":0,"results":[]}');
    });
    dir = await mkdtemp(join(tmpdir(), 'portcullis-provisioned-'));
    const [nginxPort, registryPort] = [await freePort(), await freePort()];
    input = {
      service: `localhost:${nginxPort}`,
      publicUrl: portcullis.url,
      issuer: 'portcullis',
      notificationSecret: SECRET,
      discoveryKey: DISCOVERY_KEY,
      dir,
      registryListen: `127.0.0.1:${registryPort}`,
      storage: join(dir, 'data'),
    };
    // The registry needs a token bundle to start: any certificate will do for what is tested here.
    const signer = await selfSignedCertificate('portcullis-token-signer.test');
    for (const entry of await registryBundle(input, signer.certPem)) {
      if (entry.kind === 'dir') await mkdir(join(dir, entry.path), { recursive: true, mode: entry.mode });
      else {
        await writeFile(join(dir, entry.path), entry.content);
        await chmod(join(dir, entry.path), entry.mode);
      }
    }
    await mkdir(input.storage);
    provisioned = await runProvisioned(dir, input.service);
  }, 30_000);

  afterAll(async () => {
    await provisioned?.stop();
    await portcullis?.close();
  });

  it("should answer the registry API through nginx with TLS on the service's own port", async () => {
    const response = await front('/v2/');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer realm="${portcullis.url}/token",service="${input.service}"`,
    );
    expect(response.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
  });

  it('should send docker search to Portcullis, naming the registry with its port', async () => {
    const response = await front('/v1/search?q=x&n=25');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ query: 'x' });
    expect(forwarded.at(-1)).toMatchObject({
      host: input.service,
      'x-portcullis-registry': input.service,
      'x-forwarded-proto': 'https',
    });
  });

  it("should send the catalog to Portcullis, and to the registry only with the registry's discovery key", async () => {
    const filtered = await front('/v2/_catalog?n=5&last=a', {
      headers: { 'X-Portcullis-Discovery': 'a guess', 'X-Portcullis-Registry': 'another.test' },
    });
    expect(filtered.status).toBe(200);
    expect(paths.at(-1)).toBe('/v2/_catalog?n=5&last=a');
    // The front names its registry, whatever the client said, and never passes a key on.
    expect(forwarded.at(-1)).toMatchObject({ host: input.service, 'x-portcullis-registry': input.service });
    expect(forwarded.at(-1)).not.toHaveProperty('x-portcullis-discovery');

    const seen = paths.length;
    const own = await front('/v2/_catalog?n=5', { headers: { 'X-Portcullis-Discovery': DISCOVERY_KEY } });
    // The registry itself answers: it wants a token with the catalog's scope.
    expect(own.status).toBe(401);
    expect(own.headers.get('www-authenticate')).toContain('scope="registry:catalog:*"');
    expect(paths.length).toBe(seen);
  });

  it("should send docker's ping to Portcullis too", async () => {
    expect((await front('/v1/_ping')).status).toBe(200);
    expect(paths.at(-1)).toBe('/v1/_ping');
  });

  it('should keep the registry itself on loopback, and unknown paths closed', async () => {
    expect(input.registryListen).toMatch(/^127\.0\.0\.1:/);
    expect((await front('/')).status).toBe(404);
  });

  it("should serve a certificate for the service's host, and keep the secrets private", async () => {
    const certificate = new X509Certificate(await readFile(join(dir, 'tls/server.crt')));
    expect(certificate.subjectAltName).toBe('DNS:localhost');
    expect((await stat(join(dir, 'config.yml'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'tls/server.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, serverFileOf(input.service)))).mode & 0o777).toBe(0o600);
    // At log level info distribution prints each notification endpoint's headers: never here.
    expect(await readFile(join(dir, 'registry.log'), 'utf8')).not.toContain(SECRET);
  });
});
