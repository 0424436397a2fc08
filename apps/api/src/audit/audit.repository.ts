import { Injectable } from '@nestjs/common';
import { Prisma } from '../database/generated/client';
import { PrismaService } from '../database/prisma.service';

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
  constructor(private readonly prisma: PrismaService) {}

  async insertMany(events: readonly AuditWrite[]): Promise<void> {
    await this.prisma.auditEvent.createMany({
      data: events.map((e) => ({ ...e, detail: (e.detail ?? {}) as Prisma.InputJsonValue })),
    });
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
