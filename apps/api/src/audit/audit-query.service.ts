import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { AuditEventDto, AuditPageDto, AuditQueryDto } from './audit.dto';
import { AuditRepository, AuditRow } from './audit.repository';
import { AuditService } from './audit.service';

function toDto(row: AuditRow): AuditEventDto {
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    category: row.category,
    action: row.action,
    actor: row.actor,
    actorKind: row.actorKind,
    address: row.address,
    userAgent: row.userAgent,
    registry: row.registry,
    outcome: row.outcome,
    detail: row.detail as Record<string, unknown>,
    clause: row.clause,
    target: row.target,
    count: row.count,
  };
}

@Injectable()
export class AuditQueryService {
  private readonly logger = new Logger('AuditRetention');

  constructor(
    private readonly audit: AuditRepository,
    private readonly writer: AuditService,
    private readonly config: AppConfig,
  ) {}

  async list(query: AuditQueryDto): Promise<AuditPageDto> {
    // What this replica has buffered is visible at once.
    await this.writer.flush();
    const limit = query.limit ?? 50;
    const rows = await this.audit.find({
      ...(query.category === undefined ? {} : { category: query.category }),
      ...(query.actor === undefined ? {} : { actor: query.actor }),
      ...(query.registry === undefined ? {} : { registry: query.registry }),
      ...(query.outcome === undefined ? {} : { outcome: query.outcome }),
      ...(query.action === undefined ? {} : { action: query.action }),
      ...(query.since === undefined ? {} : { since: new Date(query.since) }),
      ...(query.until === undefined ? {} : { until: new Date(query.until) }),
      ...(query.cursor === undefined ? {} : { before: BigInt(query.cursor) }),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return { items: page.map(toDto), nextCursor: rows.length > limit ? page[page.length - 1]!.id.toString() : null };
  }

  /** Deletes events older than AUDIT_RETENTION_DAYS, hourly (any replica may; it is idempotent). */
  @Cron(CronExpression.EVERY_HOUR)
  async applyRetention(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.auditRetentionDays * 86_400_000);
    const deleted = await this.audit.deleteOlderThan(cutoff);
    if (deleted > 0) this.logger.log(`Deleted ${deleted} audit event(s) older than ${cutoff.toISOString()}`);
    return deleted;
  }
}
