import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { Problem, dataOf } from '../core/problem';
import { SessionStore } from '../core/session.store';
import type { Registry } from '../registries/registry-form';
import type { ActivityDay } from './activity-chart';

type AuditEvent = Schemas['AuditEventDto'];

/** How many registries the dashboard charts: their activity is one request each. */
const CHARTED = 20;

/** Adds days of several registries together, day by day (all have the same days, oldest first). */
export function sumActivity(registries: readonly ActivityDay[][]): ActivityDay[] {
  const first = registries[0] ?? [];
  return first.map((d, i) => ({
    day: d.day,
    pushes: registries.reduce((sum, days) => sum + (days[i]?.pushes ?? 0), 0),
    pulls: registries.reduce((sum, days) => sum + (days[i]?.pulls ?? 0), 0),
  }));
}

/** What the dashboard shows: registries and their health, activity over two weeks, recent denials. */
@Injectable()
export class DashboardStore {
  private readonly api = inject(Api).client;
  private readonly session = inject(SessionStore);
  readonly registries = signal<Registry[]>([]);
  readonly more = signal(false);
  readonly activity = signal<ActivityDay[]>([]);
  readonly denials = signal<AuditEvent[] | null>(null);
  readonly problem = signal<Problem | null>(null);

  async load(): Promise<void> {
    try {
      const page = await dataOf(this.api.GET('/api/v1/registries', { params: { query: { limit: 50 } } }));
      this.registries.set(page.items);
      this.more.set(page.nextCursor !== null);
      // Activity of the registries the user answers for (others answer 403: left out).
      const activities = await Promise.all(
        page.items.slice(0, CHARTED).map((r) =>
          dataOf(
            this.api.GET('/api/v1/registries/{id}/activity', { params: { path: { id: r.id }, query: { days: 14 } } }),
          ).then(
            (a) => a.days,
            () => null,
          ),
        ),
      );
      this.activity.set(sumActivity(activities.filter((a): a is ActivityDay[] => a !== null)));
      if (this.session.isAdmin()) {
        const query = { category: 'token' as const, outcome: 'denied' as const, limit: 10 };
        this.denials.set((await dataOf(this.api.GET('/api/v1/audit', { params: { query } }))).items);
      }
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }
}
