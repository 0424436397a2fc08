import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool, type QueryResultRow } from 'pg';
import { Database } from './database';
import { DatabaseUnavailable, isDatabaseUnavailable } from './database-unavailable';

/** A failure that is not the server's own answer to a statement, as DatabaseUnavailable. */
function unavailableOr(error: unknown): unknown {
  const answered = typeof (error as { severity?: unknown }).severity === 'string';
  return !answered || isDatabaseUnavailable(error) ? new DatabaseUnavailable(error) : error;
}

/**
 * A small node-postgres pool for the statements too hot for Prisma: the audit log's batch insert,
 * one JSON parameter per batch (through Prisma, building the query cost more CPU than the insert
 * itself, on the same event loop as the token endpoint), and docker search's reads. Only
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
      throw unavailableOr(error);
    }
  }

  /**
   * Reads a large result in pages of `pageSize` rows (each row an array of its columns), one
   * snapshot for all: `head`'s one row, then `query`'s rows through a cursor, each page handed to
   * `onPage` before the next is fetched. A page is parsed in a few milliseconds where the whole
   * result at once would hold the event loop for seconds; the database sorts once. Failures are
   * thrown as `run` throws them.
   */
  async readInPages<Head extends QueryResultRow>(
    head: string,
    query: string,
    pageSize: number,
    onPage: (rows: unknown[][]) => Promise<void> | void,
  ): Promise<Head> {
    let client;
    try {
      client = await this.connect();
    } catch (error) {
      throw unavailableOr(error);
    }
    let broken = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [first] = (await client.query<Head>(head)).rows;
      await client.query(`DECLARE pages NO SCROLL CURSOR FOR ${query}`);
      for (;;) {
        const page = await client.query<unknown[]>({ text: `FETCH ${pageSize} FROM pages`, rowMode: 'array' });
        if (page.rows.length > 0) await onPage(page.rows);
        if (page.rows.length < pageSize) break;
      }
      await client.query('COMMIT');
      return first!;
    } catch (error) {
      // A client left inside a transaction (or cut off) is not given back to the pool.
      broken = true;
      throw unavailableOr(error);
    } finally {
      client.release(broken);
    }
  }

  /** Last: the audit log writes its buffer before the application shuts down. */
  async onApplicationShutdown(): Promise<void> {
    await this.end();
  }
}
