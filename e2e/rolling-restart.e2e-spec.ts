import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent } from 'undici';
import {
  NGINX_BINARY,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  freePort,
} from '@portcullis/testing';

const run = promisify(execFile);
const MAIN = join(__dirname, '../dist/apps/api/apps/api/src/main.js');
const SERVICE = 'rolling.test';
const SHUTDOWN_DELAY_S = 2;

interface Replica {
  port: number;
  process: ChildProcess;
  exited: Promise<{ code: number | null; at: number }>;
}

/**
 * Two replicas (the built server, as processes) on one PostgreSQL behind a small load balancer
 * (Debian's nginx, retrying a refused connection on the other replica as load balancers do), under
 * a steady token load, and one of them restarted with SIGTERM: it turns unready at once, keeps
 * answering for SHUTDOWN_DELAY, finishes what is in flight, writes its audit buffer, and exits 0
 * in bounded time; no token request fails.
 */
describe('A rolling restart under token load', () => {
  let db: TestDatabase;
  let dir: string;
  let lbPort: number;
  const replicas: Replica[] = [];

  const startReplica = async (port: number, name: string): Promise<Replica> => {
    const log = createWriteStream(join(dir, `${name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://localhost:${lbPort}`,
        ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
        DATA_DIR: await mkdtemp(join(dir, `${name}-data-`)),
        DISCOVERY_INTERVAL: '0',
        SHUTDOWN_DELAY: String(SHUTDOWN_DELAY_S),
        SHUTDOWN_TIMEOUT: '10',
        LOG_LEVEL: 'log',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.on('exit', (code) => resolve({ code, at: Date.now() })),
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
      if (ready?.status === 200) break;
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`replica ${name} did not start; see ${dir}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const replica = { port, process: child, exited };
    replicas.push(replica);
    return replica;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'portcullis-rolling-'));
    lbPort = await freePort();
    const [portA, portB] = [await freePort(), await freePort()];
    // One replica first: it migrates the database and declares the registry.
    await startReplica(portA, 'a');
    await startReplica(portB, 'b');
    const login = await fetch(`http://127.0.0.1:${portA}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const declared = await fetch(`http://127.0.0.1:${portA}/api/v1/registries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ service: SERVICE, url: 'http://127.0.0.1:9' }),
    });
    expect(declared.status).toBe(201);
    await mkdir(join(dir, 'lb/logs'), { recursive: true });
    await mkdir(join(dir, 'lb/tmp'), { recursive: true });
    await writeFile(
      join(dir, 'lb/nginx.conf'),
      `pid logs/nginx.pid;
error_log logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log logs/access.log;
  client_body_temp_path tmp/client_body;
  proxy_temp_path tmp/proxy;
  upstream portcullis {
    server 127.0.0.1:${portA} max_fails=1 fail_timeout=1s;
    server 127.0.0.1:${portB} max_fails=1 fail_timeout=1s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${lbPort};
    location / {
      proxy_pass http://portcullis;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
`,
    );
    await run(NGINX_BINARY, ['-p', join(dir, 'lb'), '-c', 'nginx.conf']);
  }, 120_000);

  afterAll(async () => {
    await run(NGINX_BINARY, ['-p', join(dir, 'lb'), '-c', 'nginx.conf', '-s', 'stop']).catch(() => undefined);
    for (const replica of replicas) if (replica.process.exitCode === null) replica.process.kill('SIGKILL');
    await Promise.all(replicas.map((replica) => replica.exited));
    await db?.drop();
  });

  it('should report how long its start-up took, and how much of it was loading the code', async () => {
    const [a] = replicas as [Replica];
    const text = await (await fetch(`http://127.0.0.1:${a.port}/metrics`)).text();
    const phase = (name: string) =>
      Number(new RegExp(`^portcullis_startup_seconds\\{phase="${name}"\\} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(phase('modules')).toBeGreaterThan(0);
    expect(phase('ready')).toBeGreaterThan(phase('modules'));
    // From the process's start: well under the minute the replica was given to be ready.
    expect(phase('ready')).toBeLessThan(60);
  });

  it('should restart one replica without a failed token request', async () => {
    const client = new Agent({ connections: 8 });
    const statuses = new Map<number | string, number>();
    let running = true;
    let sent = 0;
    const worker = async () => {
      while (running) {
        sent++;
        const status = await fetch(
          `http://localhost:${lbPort}/token?service=${SERVICE}&scope=repository:library/app:pull`,
          { headers: { authorization: basicAuthorization(TEST_ADMIN) }, dispatcher: client },
        ).then(
          async (response) => {
            await response.arrayBuffer();
            return response.status;
          },
          (error: Error) => error.message,
        );
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const [a] = replicas as [Replica];
      // The last request A answers itself before the signal: its audit event must be written.
      const last = await fetch(
        `http://127.0.0.1:${a.port}/token?service=${SERVICE}&scope=repository:library/last-before-stop:pull`,
        { headers: { authorization: basicAuthorization(TEST_ADMIN) } },
      );
      expect(last.status).toBe(200);
      const signalled = Date.now();
      a.process.kill('SIGTERM');
      // Unready at once, yet still answering.
      const deadline = Date.now() + 1_000;
      for (;;) {
        const ready = await fetch(`http://127.0.0.1:${a.port}/health/ready`);
        if (ready.status === 503) {
          expect(await ready.json()).toMatchObject({ status: 'unready', checks: { stopping: true } });
          break;
        }
        if (Date.now() > deadline) throw new Error('the stopping replica still says it is ready');
      }
      expect((await fetch(`http://127.0.0.1:${a.port}/health/live`)).status).toBe(200);
      const exit = await a.exited;
      expect(exit.code).toBe(0);
      // It waited SHUTDOWN_DELAY, and stopped well within SHUTDOWN_DELAY + SHUTDOWN_TIMEOUT.
      expect(exit.at - signalled).toBeGreaterThanOrEqual(SHUTDOWN_DELAY_S * 1000);
      expect(exit.at - signalled).toBeLessThan((SHUTDOWN_DELAY_S + 10) * 1000);
      await startReplica(a.port, 'a-again');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    } finally {
      running = false;
      await load;
      await client.close();
    }
    expect(sent).toBeGreaterThan(100);
    expect(Object.fromEntries(statuses)).toEqual({ 200: sent });

    // The audit event of A's last request was written before it exited.
    const b = replicas[1]!;
    const login = await fetch(`http://127.0.0.1:${b.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const audit = (await (
      await fetch(`http://127.0.0.1:${b.port}/api/v1/audit?category=token&limit=200`, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
    ).json()) as { items: { detail: Record<string, unknown> }[] };
    expect(JSON.stringify(audit.items)).toContain('library/last-before-stop');
  }, 120_000);
});
