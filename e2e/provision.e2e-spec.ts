import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import {
  type ProvisionedRegistry,
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  cliIn,
  createTestDatabase,
  freePort,
  runProvisioned,
  skopeo,
  startPortcullis,
  writeOciImage,
} from '@portcullis/testing';

const run = promisify(execFile);

/**
 * `portcullis registries provision` writes a registry's directory; Debian's docker-registry and
 * nginx run from it as written, and real clients use the registry through its TLS front.
 */
describe('A registry provisioned by the CLI', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let home: string;
  let dir: string;
  let service: string;
  let registryListen: string;
  let provisioned: ProvisionedRegistry | undefined;
  let certDir: string;

  const cli = (args: string[], env: Record<string, string> = {}) => cliIn(home)(args, env);

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    home = await mkdtemp(join(tmpdir(), 'portcullis-cli-home-'));
    dir = join(await mkdtemp(join(tmpdir(), 'portcullis-provision-')), 'registry');
    service = `localhost:${await freePort()}`;
    registryListen = `127.0.0.1:${await freePort()}`;
    const declared = await fetch(`${portcullis.url}/api/v1/registries`, {
      method: 'POST',
      headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
      body: JSON.stringify({ service, url: `http://${registryListen}` }),
    });
    expect(declared.status).toBe(201);
    const login = await cli(['--url', portcullis.url, 'login', '--user', 'admin'], {
      PORTCULLIS_PASSWORD: TEST_ADMIN_PASSWORD,
    });
    expect(login.code).toBe(0);
  });

  afterAll(async () => {
    await provisioned?.stop();
    await portcullis?.close();
    await db?.drop();
  });

  it('should write the directory: config.yml, nginx.conf, a certificate, the token bundle, a README', async () => {
    const provisioned = await cli([
      '--json',
      'registries',
      'provision',
      service,
      '--dir',
      dir,
      '--registry-listen',
      registryListen,
      '--storage',
      join(dir, 'data'),
    ]);
    expect(provisioned).toMatchObject({ code: 0 });
    expect(JSON.parse(provisioned.stdout)).toMatchObject({ dir, readme: join(dir, 'README.md') });
    expect((await readdir(dir)).sort()).toEqual(
      ['README.md', 'config.yml', 'logs', 'nginx.conf', 'portcullis.pem', 'servers', 'tls', 'tmp'].sort(),
    );
    const config = parse(await readFile(join(dir, 'config.yml'), 'utf8')) as {
      http: { addr: string };
      auth: { token: Record<string, string> };
    };
    expect(config.http.addr).toBe(registryListen);
    expect(config.auth.token).toMatchObject({
      realm: `${portcullis.url}/token`,
      service,
      rootcertbundle: join(dir, 'portcullis.pem'),
    });
    expect(await readFile(join(dir, 'portcullis.pem'), 'utf8')).toBe(
      await (await fetch(`${portcullis.url}/token/certs`)).text(),
    );
    expect((await stat(join(dir, 'tls/server.key'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toContain(`nginx -p ${dir} -c nginx.conf`);
  });

  it('should tell in its README a CLI command that declares the registry fronted, and it should work', async () => {
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    const command = /^\s*portcullis (registries .* --fronted)$/m.exec(readme)?.[1];
    expect(command).toBeDefined();
    const ran = await cli(['--json', ...command!.split(' ')]);
    expect(ran).toMatchObject({ code: 0 });
    expect(JSON.parse(ran.stdout)).toMatchObject({ service, fronted: true });
  });

  it.each([
    ['registryListen', '0.0.0.0:5000'],
    ['registryListen', '127.0.0.1:5000;\n    proxy_pass http://evil'],
    ['dir', 'relative/dir'],
    ['storage', '/var/lib/registry\nlog: {}'],
    ['proxyRemote', 'ftp://upstream'],
  ])('should refuse a provision with %s %j', async (name, value) => {
    const id = (
      (await (
        await fetch(`${portcullis.url}/api/v1/registries?q=${encodeURIComponent(service)}`, {
          headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
        })
      ).json()) as { items: { id: number }[] }
    ).items[0]!.id;
    const refused = await fetch(
      `${portcullis.url}/api/v1/registries/${id}/provision?${new URLSearchParams({ [name]: value }).toString()}`,
      { headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD) },
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('should not overwrite a provisioned directory unless told to', async () => {
    const again = await cli(['registries', 'provision', service, '--dir', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty/);
  });

  it('should run as written, and carry a push and a pull through its TLS front', async () => {
    await mkdir(join(dir, 'data'), { recursive: true });
    provisioned = await runProvisioned(dir, service);
    // Clients trust the front as the README says: its certificate as the CA of host:port.
    certDir = await mkdtemp(join(tmpdir(), 'portcullis-certs-'));
    await run('cp', [join(dir, 'tls/server.crt'), join(certDir, 'ca.crt')]);
    const image = await writeOciImage(await mkdtemp(join(tmpdir(), 'portcullis-image-')), { tag: 'v1' });
    const pushed = await skopeo([
      'copy',
      '--dest-cert-dir',
      certDir,
      '--dest-creds',
      TEST_ADMIN,
      `oci:${image.dir}:v1`,
      `docker://${service}/users/admin/provisioned:v1`,
    ]);
    expect(pushed).toMatchObject({ code: 0 });
    const tags = await skopeo([
      'list-tags',
      '--cert-dir',
      certDir,
      '--creds',
      TEST_ADMIN,
      `docker://${service}/users/admin/provisioned`,
    ]);
    expect(tags).toMatchObject({ code: 0 });
    expect(JSON.parse(tags.stdout)).toMatchObject({ Tags: ['v1'] });
  }, 60_000);
});
