import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { Problem, dataOf } from '../core/problem';
import { ProblemBanner } from '../shared/problem-banner';

type Hit = Schemas['SearchHitDto'];

/** Where a hit leads in the console, when it has a page. */
export function linkOf(hit: Hit, registryIds: ReadonlyMap<string, number>): string[] | null {
  const registry = hit.registry === null ? undefined : registryIds.get(hit.registry);
  switch (hit.kind) {
    case 'registry':
      return ['/registries', String(hit.id)];
    case 'repository':
      return registry === undefined ? null : ['/registries', String(registry), 'repositories', hit.name];
    case 'tag':
      return registry === undefined || hit.repository === null
        ? null
        : ['/registries', String(registry), 'repositories', hit.repository, 'tags', hit.name];
    case 'app':
      return ['/apps'];
    case 'group':
      return ['/groups'];
    case 'user':
      return ['/users'];
    default:
      return null;
  }
}

/** Results of the toolbar's search: people, registries, repositories and tags ("docker:" for images only). */
@Component({
  selector: 'pc-search-page',
  imports: [RouterLink, ProblemBanner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Search: “{{ q() }}”</h1>
    <pc-problem [problem]="problem()" />
    @if (hits(); as list) {
      @if (list.length === 0) {
        <p>
          Nothing matches. Search names of users, groups, apps, registries, repositories and tags; start with
          <code>docker:</code> for images only.
        </p>
      } @else {
        <ul>
          @for (hit of list; track hit.kind + hit.id + hit.name) {
            <li>
              <span class="kind">{{ hit.kind }}</span>
              @if (link(hit); as to) {
                <a [routerLink]="to">{{ label(hit) }}</a>
              } @else {
                {{ label(hit) }}
              }
              @if (hit.registry) {
                <span class="muted"> · {{ hit.registry }}</span>
              }
            </li>
          }
        </ul>
      }
    }
  `,
  styles: `
    ul {
      list-style: none;
      padding: 0;
    }
    li {
      padding: 0.35rem 0;
    }
    .kind {
      display: inline-block;
      min-width: 6rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SearchPage {
  private readonly api = inject(Api).client;
  /** The query, from `?q=`. */
  readonly q = input('');
  protected readonly hits = signal<Hit[] | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  private readonly registryIds = signal<ReadonlyMap<string, number>>(new Map());
  protected readonly link = (hit: Hit) => linkOf(hit, this.registryIds());
  protected readonly label = (hit: Hit) =>
    hit.kind === 'tag' && hit.repository ? `${hit.repository}:${hit.name}` : hit.name;

  constructor() {
    effect(() => void this.search(this.q()));
  }

  private async search(q: string): Promise<void> {
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
