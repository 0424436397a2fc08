import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { AuditRepository, AuditWrite } from './audit.repository';

const FLUSH_EVERY_MS = 200;
const FLUSH_AT = 500;
const MAX_BUFFERED = 50_000;

/**
 * Writes audit events in batches, off the token hot path: a decision costs no database round trip
 * of its own. Events are flushed every 200 ms, at 500 buffered, and at shutdown. If the database
 * is unreachable, events are kept (up to 50,000) and retried.
 */
@Injectable()
export class AuditService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);
  private buffer: AuditWrite[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** Since when writes fail for want of a database (logged once, not at every retry). */
  private failingSince: Date | undefined;
  private stopping = false;

  constructor(private readonly audit: AuditRepository) {}

  record(event: Omit<AuditWrite, 'at'> & { at?: Date }): void {
    if (this.buffer.length >= MAX_BUFFERED) {
      this.buffer.shift();
      this.logger.warn('Audit buffer full: the oldest unwritten event was dropped');
    }
    this.buffer.push({ ...event, at: event.at ?? new Date() });
    if (this.buffer.length >= FLUSH_AT) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  /** Writes everything buffered so far. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.audit
      .insertMany(batch)
      .then(() => {
        if (this.failingSince === undefined) return;
        this.logger.log(`Audit events kept since ${this.failingSince.toISOString()} are written`);
        this.failingSince = undefined;
      })
      .catch(async (error: unknown) => {
        if (!isDatabaseUnavailable(error)) return this.writeOneByOne(batch, error);
        if (this.stopping) {
          this.logger.error(`Stopping: ${batch.length} audit event(s) could not be written (no database)`);
          return;
        }
        if (this.failingSince === undefined) {
          this.failingSince = new Date();
          this.logger.error(
            `Audit events are kept in memory (up to ${MAX_BUFFERED}) until the database answers: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        this.buffer = [...batch, ...this.buffer].slice(-MAX_BUFFERED);
        this.timer ??= setTimeout(() => void this.flush(), 5 * FLUSH_EVERY_MS);
      })
      .finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  /** A batch the database refused (not for being away): every event it accepts alone is kept. */
  private async writeOneByOne(batch: AuditWrite[], cause: unknown): Promise<void> {
    let dropped = 0;
    for (const event of batch) await this.audit.insertMany([event]).catch(() => (dropped += 1));
    if (dropped > 0) {
      this.logger.error(
        `Dropped ${dropped} audit event(s) the database refuses: ${cause instanceof Error ? cause.message : String(cause)}`,
      );
    }
  }

  /** Writes what is buffered before the database connections close (they do on shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.flush();
  }
}
