import { Injectable } from '@nestjs/common';
import { Client } from 'pg';
import { Database } from './database';

/**
 * Session-level PostgreSQL advisory locks on a connection of their own, for work that one replica
 * at a time may do (a crawl). `run` returns undefined without running when another holds the lock.
 */
@Injectable()
export class AdvisoryLocks {
  constructor(private readonly database: Database) {}

  async run<T>(key: number, work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [key]);
      if (!rows[0]?.locked) return { ran: false };
      try {
        return { ran: true, result: await work() };
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
      }
    } finally {
      await client.end();
    }
  }
}
