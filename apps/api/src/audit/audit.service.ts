import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
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
export class AuditService implements OnApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);
  private buffer: AuditWrite[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

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
      .catch((error: unknown) => {
        this.logger.error(
          `Could not write ${batch.length} audit event(s); retrying: ${error instanceof Error ? error.message : String(error)}`,
        );
        this.buffer = [...batch, ...this.buffer].slice(-MAX_BUFFERED);
        this.timer ??= setTimeout(() => void this.flush(), 5 * FLUSH_EVERY_MS);
      })
      .finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
