import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../apps/api/src/bootstrap';
import { loadConfig } from '../../../apps/api/src/config/app-config';

export interface RunningPortcullis {
  readonly app: NestFastifyApplication;
  /** `http://localhost:<port>`: a name, not an IP literal, as generated realms use. */
  readonly url: string;
  readonly dataDir: string;
  /** Signs in and returns headers carrying an API bearer token. */
  apiHeaders(username: string, password: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export const TEST_ADMIN_PASSWORD = 'admin-password-for-tests';

/** Starts the real application in this process, on a free loopback port. */
export async function startPortcullis(env: Record<string, string>): Promise<RunningPortcullis> {
  const dataDir = env.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'portcullis-data-')));
  const config = loadConfig({
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    ...env,
    DATA_DIR: dataDir,
    PORT: '0',
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  const url = `http://localhost:${address.port}`;
  return {
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
    close: () => app.close(),
  };
}
