import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// A relative path (Jest's globalSetup runs without moduleNameMapper), to the part of the app's
// public surface that does not load the application.
import { EmbeddedPostgresServer } from '../../../apps/api/src/harness';
import { TEST_SERVER_URL_VARIABLE } from './test-database';

declare global {
  var portcullisTestPostgres: EmbeddedPostgresServer | undefined;
}

/**
 * Gives the database tiers a real PostgreSQL: the server of DATABASE_URL when it is set, else an
 * embedded one in a temporary directory. Each test file then creates a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[TEST_SERVER_URL_VARIABLE]) return;
  const configured = process.env['DATABASE_URL'];
  if (configured) {
    process.env[TEST_SERVER_URL_VARIABLE] = configured;
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'portcullis-test-pg-'));
  const server = new EmbeddedPostgresServer(dir);
  process.env[TEST_SERVER_URL_VARIABLE] = await server.start();
  globalThis.portcullisTestPostgres = server;
}
