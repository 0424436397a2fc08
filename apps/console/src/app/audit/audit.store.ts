import { Injectable, inject, signal } from '@angular/core';
import type { paths } from '@portcullis/api-client';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { dataOf } from '../core/problem';
import type { AuditEvent } from './audit-csv';

export type AuditFilter = Omit<NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>, 'cursor' | 'limit'>;

/** The most an export fetches; past it, narrow the filter. */
export const EXPORT_LIMIT = 10_000;

/** The audit log: newest first, filtered, a page at a time; and every matching event for an export. */
@Injectable()
export class AuditStore {
  private readonly api = inject(Api).client;
  readonly filter = signal<AuditFilter>({});
  readonly list = new PagedList<AuditEvent>((cursor) => this.page(this.filter(), 100, cursor));

  /** Every event matching the filter, up to EXPORT_LIMIT; `complete` is false when there were more. */
  async all(filter: AuditFilter): Promise<{ events: AuditEvent[]; complete: boolean }> {
    const events: AuditEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page(filter, 500, cursor);
      events.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && events.length < EXPORT_LIMIT);
    return { events: events.slice(0, EXPORT_LIMIT), complete: cursor === undefined };
  }

  private page(filter: AuditFilter, limit: number, cursor?: string) {
    const query = { ...filter, limit, ...(cursor ? { cursor } : {}) };
    return dataOf(this.api.GET('/api/v1/audit', { params: { query } }));
  }
}
