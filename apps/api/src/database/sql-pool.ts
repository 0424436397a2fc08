import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool, type QueryResultRow } from 'pg';
import { Database } from './database';
import { DatabaseUnavailable, isDatabaseUnavailable } from './database-unavailable';

/**
 * A small node-postgres pool for the statements too hot for Prisma: the audit log's batch insert,
 * one JSON parameter per batch (through Prisma, building the query cost more CPU than the insert
 * itself, on the same event loop as the token endpoint), and docker search's read. Only
 * repositories inject it.
 */
@Injectable()
export class SqlPool extends Pool implements OnApplicationShutdown {
  constructor(database: Database) {
    super({
      connectionString: database.url,
      max: 4,
      connectionTimeoutMillis: 2000,
      query_timeout: 15_000,
      keepAlive: true,
    });
    // An idle client losing its server (a restart, an outage) must not crash the process.
    this.on('error', () => undefined);
  }

  /**
   * Runs a statement. Anything but the server's own answer to it (a connection refused, reset or
   * timed out) is thrown as DatabaseUnavailable, so that callers keep their work for later.
   */
  async run<Row extends QueryResultRow>(text: string, values: unknown[]): Promise<Row[]> {
    try {
      return (await this.query<Row>(text, values)).rows;
    } catch (error) {
      const answered = typeof (error as { severity?: unknown }).severity === 'string';
      throw !answered || isDatabaseUnavailable(error) ? new DatabaseUnavailable(error) : error;
    }
  }

  /** Last: the audit log writes its buffer before the application shuts down. */
  async onApplicationShutdown(): Promise<void> {
    await this.end();
  }
}
