import { Injectable } from '@nestjs/common';
import { Prisma } from '../database/generated/client';
import { PrismaService } from '../database/prisma.service';
import { SqlPool } from '../database/sql-pool';

export type AuditRow = Prisma.AuditEventGetPayload<object>;

export interface AuditWrite {
  at: Date;
  category: 'token' | 'change' | 'login';
  action: string;
  actor: string;
  actorKind: string;
  address?: string | null;
  userAgent?: string | null;
  registry?: string | null;
  outcome: string;
  detail?: Record<string, unknown>;
  clause?: string | null;
  target?: string | null;
  /** Identical decisions this event stands for (default 1). */
  count?: number;
}

export interface AuditQuery {
  category?: string;
  actor?: string;
  registry?: string;
  outcome?: string;
  action?: string;
  since?: Date;
  until?: Date;
  /** Events older than this id (newest first paging). */
  before?: bigint;
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlPool,
  ) {}

  /**
   * One statement per batch, the events as one JSON parameter: a token's audit event costs its
   * share of one JSON.stringify (node-postgres here: through Prisma, building the query cost more
   * than the database spent running it).
   */
  async insertMany(events: readonly AuditWrite[]): Promise<void> {
    let rows = JSON.stringify(events.map((e) => ({ ...e, detail: e.detail ?? {} })));
    // PostgreSQL's text and jsonb hold neither NUL nor unpaired surrogates (a login name may carry
    // either): U+FFFD instead.
    if (rows.includes('\\u0000') || /\\ud[89a-f]/.test(rows)) {
      rows = JSON.stringify(
        events.map((e) => ({ ...e, detail: e.detail ?? {} })),
        (_, value: unknown) => (typeof value === 'string' ? value.replaceAll('\0', '\uFFFD').toWellFormed() : value),
      );
    }
    // Every text cut to its column: an event is never lost to a long value someone sent.
    await this.sql.run(
      `INSERT INTO audit_event (at, category, action, actor, actor_kind, address, user_agent, registry, outcome, detail, clause, target, count)
       SELECT at, left(category, 20), left(action, 60), left(actor, 300), left("actorKind", 20), left(address, 100),
         left("userAgent", 500), left(registry, 255), left(outcome, 20), detail, clause, left(target, 300), coalesce(count, 1)
       FROM jsonb_to_recordset($1::jsonb) AS e(
         at timestamptz, category text, action text, actor text, "actorKind" text, address text, "userAgent" text,
         registry text, outcome text, detail jsonb, clause text, target text, count integer)`,
      [rows],
    );
  }

  /** Newest first. */
  find(query: AuditQuery): Promise<AuditRow[]> {
    return this.prisma.auditEvent.findMany({
      where: {
        ...(query.category === undefined ? {} : { category: query.category }),
        ...(query.actor === undefined ? {} : { actor: query.actor }),
        ...(query.registry === undefined ? {} : { registry: query.registry }),
        ...(query.outcome === undefined ? {} : { outcome: query.outcome }),
        ...(query.action === undefined ? {} : { action: query.action }),
        ...(query.before === undefined ? {} : { id: { lt: query.before } }),
        at: { ...(query.since ? { gte: query.since } : {}), ...(query.until ? { lt: query.until } : {}) },
      },
      orderBy: { id: 'desc' },
      take: query.limit,
    });
  }

  async deleteOlderThan(at: Date): Promise<number> {
    const { count } = await this.prisma.auditEvent.deleteMany({ where: { at: { lt: at } } });
    return count;
  }
}
