import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ProblemBanner } from '../shared/problem-banner';
import { type Hit, SearchStore } from './search.store';

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
  providers: [SearchStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './search-page.html',
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
  private readonly store = inject(SearchStore);
  /** The query, from `?q=`. */
  readonly q = input('');
  protected readonly hits = this.store.hits;
  protected readonly problem = this.store.problem;
  protected readonly link = (hit: Hit) => linkOf(hit, this.store.registryIds());
  protected readonly label = (hit: Hit) =>
    hit.kind === 'tag' && hit.repository ? `${hit.repository}:${hit.name}` : hit.name;

  constructor() {
    effect(() => void this.store.search(this.q()));
  }
}
