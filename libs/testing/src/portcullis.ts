import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, freePort, loadConfig } from '@portcullis/api';

export interface RunningPortcullis {
  readonly app: NestFastifyApplication;
  /** `http://localhost:<port>`: a name, not an IP literal, as generated realms use. */
  readonly url: string;
  readonly dataDir: string;
  /** Signs in and returns headers carrying an API bearer token. */
  apiHeaders(username: string, password: string): Promise<Record<string, string>>;
  /** Applies a configuration document as the admin; fails the test with the answer if refused. */
  applyConfig(yaml: string): Promise<void>;
  close(): Promise<void>;
}

export const TEST_ADMIN_PASSWORD = 'admin-password-for-tests';
/** The admin's `user:password` pair, as skopeo's `--creds` and Basic authorization take it. */
export const TEST_ADMIN = `admin:${TEST_ADMIN_PASSWORD}`;

/** An HTTP Basic `Authorization` value for a `user:password` pair. */
export function basicAuthorization(pair: string): string {
  return `Basic ${Buffer.from(pair).toString('base64')}`;
}

/** Starts the real application in this process, on a free loopback port. */
export async function startPortcullis(env: Record<string, string>): Promise<RunningPortcullis> {
  const dataDir = env.DATA_DIR || (await mkdtemp(join(tmpdir(), 'portcullis-data-')));
  const port = env.PORT ?? String(await freePort());
  const url = `${env.TLS_CERT_FILE === undefined ? 'http' : 'https'}://localhost:${port}`;
  // No scheduled crawls unless a test asks: tests only ever reach loopback registries.
  const config = loadConfig({
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    DISCOVERY_INTERVAL: '0',
    PUBLIC_URL: url,
    ...env,
    DATA_DIR: dataDir,
    PORT: port,
  });
  const app = await createApp(config);
  try {
    await app.listen(Number(port), '127.0.0.1');
  } catch (error) {
    // A start that fails (a bad CONFIG_FILE) leaves nothing running behind the test.
    await app.close().catch(() => undefined);
    throw error;
  }
  const running: RunningPortcullis = {
    app,
    url,
    dataDir,
    async apiHeaders(username, password) {
      const response = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status}`);
      const { accessToken } = (await response.json()) as { accessToken: string };
      return { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    },
    async applyConfig(yaml) {
      const response = await fetch(`${url}/api/v1/config/apply`, {
        method: 'POST',
        headers: await running.apiHeaders('admin', TEST_ADMIN_PASSWORD),
        body: JSON.stringify({ yaml }),
      });
      if (response.status !== 200) throw new Error(`config/apply: ${response.status} ${await response.text()}`);
    },
    close: () => app.close(),
  };
  return running;
}
