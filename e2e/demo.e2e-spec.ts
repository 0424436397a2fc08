import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  freePort,
  startPortcullis,
} from '@portcullis/testing';

const DEMO = join(__dirname, '../scripts/demo.mjs');

interface Demo {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * `npm run demo`: provisions a registry through the CLI and runs it behind its front; refuses a
 * busy port before starting anything, leaves a registry it did not create untouched, and stops
 * when what it started exits.
 */
describe('npm run demo', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  const started: Demo[] = [];

  const demo = (env: Record<string, string>): Demo => {
    let stdout = '';
    let stderr = '';
    const child = spawn(process.execPath, [DEMO], {
      env: { ...process.env, PORTCULLIS_URL: portcullis.url, ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env },
    });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const running = { process: child, stdout: () => stdout, stderr: () => stderr, exited };
    started.push(running);
    return running;
  };
  const ports = async () => ({
    DEMO_REGISTRY_PORT: String(await freePort()),
    DEMO_REGISTRY_LISTEN: `127.0.0.1:${await freePort()}`,
    DEMO_DIR: await mkdtemp(join(tmpdir(), 'portcullis-demo-')),
  });
  const registries = async (service: string) => {
    const response = await fetch(`${portcullis.url}/api/v1/registries?q=${encodeURIComponent(service)}`, {
      headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
    });
    return ((await response.json()) as { items: { service: string; url: string; anonymousPull: string[] }[] }).items;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
  });

  afterAll(async () => {
    for (const running of started) if (running.process.exitCode === null) running.process.kill('SIGTERM');
    await Promise.all(started.map((running) => running.exited));
    await portcullis?.close();
    await db?.drop();
  });

  it('should refuse a busy port before starting anything, and say which', async () => {
    const env = await ports();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(Number(env.DEMO_REGISTRY_PORT), '127.0.0.1', resolve));
    try {
      const run = demo(env);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toContain(`Port ${env.DEMO_REGISTRY_PORT} is in use`);
      expect(await registries(`localhost:${env.DEMO_REGISTRY_PORT}`)).toEqual([]);
    } finally {
      blocker.close();
    }
    const listenBlocker = createServer();
    const listenPort = Number(env.DEMO_REGISTRY_LISTEN.split(':')[1]);
    await new Promise<void>((resolve) => listenBlocker.listen(listenPort, '127.0.0.1', resolve));
    try {
      const run = demo(env);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toContain(`Port ${listenPort} is in use`);
    } finally {
      listenBlocker.close();
    }
  }, 30_000);

  it('should leave a registry it did not create untouched', async () => {
    const env = await ports();
    const service = `localhost:${env.DEMO_REGISTRY_PORT}`;
    const declared = await fetch(`${portcullis.url}/api/v1/registries`, {
      method: 'POST',
      headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
      body: JSON.stringify({ service, url: 'http://127.0.0.1:9', anonymousPull: ['keep/**'] }),
    });
    expect(declared.status).toBe(201);
    const run = demo(env);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain(`already has a registry ${service} that this demo did not create`);
    expect(await registries(service)).toMatchObject([{ url: 'http://127.0.0.1:9', anonymousPull: ['keep/**'] }]);
  }, 60_000);

  it('should run a provisioned registry behind its front, find the sample in search, and stop when the registry exits', async () => {
    const env = await ports();
    const service = `localhost:${env.DEMO_REGISTRY_PORT}`;
    const run = demo(env);
    const deadline = Date.now() + 90_000;
    while (!run.stdout().includes('Ctrl-C stops')) {
      if (run.process.exitCode !== null || Date.now() > deadline)
        throw new Error(`the demo did not come up: ${run.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(run.stdout()).toContain('"name":"demo/hello"');
    expect(await registries(service)).toMatchObject([
      { service, url: `http://${env.DEMO_REGISTRY_LISTEN}`, anonymousPull: ['demo/**'] },
    ]);
    // The registry the demo started exits: the demo says so, stops nginx, and fails.
    const pids = JSON.parse(await readFile(join(env.DEMO_DIR, 'pids.json'), 'utf8')) as Record<string, number>;
    process.kill(pids['docker-registry']!, 'SIGKILL');
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('docker-registry exited (SIGKILL)');
    expect(() => process.kill(pids.nginx!, 0)).toThrow();

    // Run again: the registry is the demo's own, so it reuses it.
    const again = demo(env);
    while (!again.stdout().includes('Ctrl-C stops')) {
      if (again.process.exitCode !== null || Date.now() > deadline)
        throw new Error(`the demo did not come up again: ${again.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    again.process.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 120_000);
});
