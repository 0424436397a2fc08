import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { Problem, dataOf } from '../core/problem';

export type Hit = Schemas['SearchHitDto'];

/** A search across what the caller may see, with the registries' ids its links need. */
@Injectable()
export class SearchStore {
  private readonly api = inject(Api).client;
  /** The hits of the last search; null before the first. */
  readonly hits = signal<Hit[] | null>(null);
  readonly problem = signal<Problem | null>(null);
  /** Registry ids by service, for links to repositories and tags. */
  readonly registryIds = signal<ReadonlyMap<string, number>>(new Map());

  async search(q: string): Promise<void> {
    this.problem.set(null);
    if (q.trim() === '') {
      this.hits.set([]);
      return;
    }
    try {
      const [results, registries] = await Promise.all([
        dataOf(this.api.GET('/api/v1/search', { params: { query: { q, limit: 50 } } })),
        dataOf(this.api.GET('/api/v1/registries', { params: { query: { limit: 100 } } })),
      ]);
      this.registryIds.set(new Map(registries.items.map((r) => [r.service, r.id])));
      this.hits.set(results.items);
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }
}
