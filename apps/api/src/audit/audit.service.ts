import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { AuditRepository, AuditWrite } from './audit.repository';

const FLUSH_EVERY_MS = 200;
const FLUSH_AT = 500;
const MAX_BUFFERED = 50_000;
/** Token ids listed in one merged event at most; its count goes on. */
const MAX_MERGED_IDS = 100;

/** An event recordRepeated may merge: its time and count are the service's. */
export type RepeatedEvent = Omit<AuditWrite, 'at' | 'count'>;

/** What makes two repeated events the same: everything but their time and token id. */
export function auditKeyOf(event: RepeatedEvent): string {
  return JSON.stringify([
    event.category,
    event.action,
    event.actor,
    event.actorKind,
    event.address ?? null,
    event.userAgent ?? null,
    event.registry ?? null,
    event.outcome,
    event.clause ?? null,
    event.target ?? null,
    event.detail ?? {},
  ]);
}

/**
 * Writes audit events in batches, off the token hot path: a decision costs no database round trip
 * of its own. Events are flushed every 200 ms, at 500 buffered, and at shutdown. If the database
 * is unreachable, events are kept (up to 50,000) and retried.
 */
@Injectable()
export class AuditService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);
  private buffer: AuditWrite[] = [];
  /** Repeatable events of the buffer, by everything but their time and token id. */
  private repeating = new Map<string, AuditWrite>();
  /** When each merged event last repeated (ms): written into its detail as it is flushed. */
  private lastRepeats = new Map<AuditWrite, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** Since when writes fail for want of a database (logged once, not at every retry). */
  private failingSince: Date | undefined;
  private stopping = false;

  constructor(private readonly audit: AuditRepository) {}

  record(event: Omit<AuditWrite, 'at'> & { at?: Date }): void {
    this.push({ ...event, at: event.at ?? new Date() });
  }

  /**
   * Records a decision that repeats (a token issued or refused): one identical to an event not yet
   * written adds to that event's count instead of a row of its own, so a CI fleet asking thousands
   * of tokens a second writes a few rows a second. `sameAs` says what makes two events identical
   * (everything but the time and the token id: auditKeyOf, or a cheaper key the caller builds);
   * the event is only built when it is not a repeat.
   */
  recordRepeated(sameAs: string, build: () => RepeatedEvent, tokenId?: string): void {
    const open = this.repeating.get(sameAs);
    if (open !== undefined) {
      open.count = (open.count ?? 1) + 1;
      const detail = open.detail as { jtis?: string[]; lastAt?: string };
      if (tokenId !== undefined && detail.jtis !== undefined && detail.jtis.length < MAX_MERGED_IDS)
        detail.jtis.push(tokenId);
      this.lastRepeats.set(open, Date.now());
      return;
    }
    const event = build();
    const write: AuditWrite = {
      ...event,
      at: new Date(),
      count: 1,
      detail: { ...event.detail, ...(tokenId === undefined ? {} : { jtis: [tokenId] }) },
    };
    this.repeating.set(sameAs, write);
    this.push(write);
  }

  private push(write: AuditWrite): void {
    if (this.buffer.length >= MAX_BUFFERED) {
      this.buffer.shift();
      this.logger.warn('Audit buffer full: the oldest unwritten event was dropped');
    }
    this.buffer.push(write);
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
    this.repeating = new Map();
    for (const [write, at] of this.lastRepeats)
      (write.detail as { lastAt?: string }).lastAt = new Date(at).toISOString();
    this.lastRepeats = new Map();
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
