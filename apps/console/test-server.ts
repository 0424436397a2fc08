import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import globalSetup from '../../libs/testing/src/global-setup';
import globalTeardown from '../../libs/testing/src/global-teardown';
import { type TestDatabase, createTestDatabase } from '../../libs/testing/src/test-database';
import { freePort } from '../api/src/common/free-port';
import { CONSOLE_TEST_ADMIN_PASSWORD, CONSOLE_TEST_URL } from './test-server-env';

// What the console's store tests talk to: a real Portcullis, the built server in a process of its own.

declare global {
  var portcullisConsoleServer: { process: ChildProcess; db: TestDatabase } | undefined;
}

/** Jest global setup of the console project: PostgreSQL, a database, and the server on a free port. */
export async function startConsoleTestServer(): Promise<void> {
  await globalSetup();
  const db = await createTestDatabase();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const server = spawn(process.execPath, [join(__dirname, '../../dist/apps/api/apps/api/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PORT: String(port),
      PUBLIC_URL: url,
      ADMIN_PASSWORD: CONSOLE_TEST_ADMIN_PASSWORD,
      DATA_DIR: await mkdtemp(join(tmpdir(), 'portcullis-console-test-')),
      DISCOVERY_INTERVAL: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  globalThis.portcullisConsoleServer = { process: server, db };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The test server exited with ${server.exitCode}`);
    const ok = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('The test server did not answer within a minute');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  process.env[CONSOLE_TEST_URL] = url;
}

export async function stopConsoleTestServer(): Promise<void> {
  const running = globalThis.portcullisConsoleServer;
  if (running) {
    const exited = new Promise((resolve) => running.process.once('exit', resolve));
    running.process.kill('SIGTERM');
    await exited;
    await running.db.drop();
  }
  await globalTeardown();
}
