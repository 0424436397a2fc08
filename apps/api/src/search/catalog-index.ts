import { Injectable, Logger } from '@nestjs/common';
import { type OwnedNamespace, lowerBound, narrowedStretches, narrowingTest } from '@portcullis/domain';
import { freshRead } from '../common/fresh-read';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { RankedNames } from './name-scan';
import { type IndexedRepository, type SearchCandidate, SearchRepository } from './search.repository';

/** The first index of ascending `sorted` whose name comes after `key`. */
function upperBound(sorted: readonly string[], key: string): number {
  // No name holds a NUL: `key` followed by one is the least string after it.
  return lowerBound(sorted, `${key}\u0000`);
}

/** An index not brought up to date for this long reloads everything (removals are kept a day). */
const RELOAD_AFTER_MS = 60 * 60 * 1000;
const REMOVALS_KEPT_MS = 24 * 60 * 60 * 1000;
/** More changes than this at once rebuild the index instead of applying each in place. */
const MAX_CHANGES_IN_PLACE = 1024;
/**
 * docker search's view of the catalog, in memory: every repository's name, description, stars and
 * flags (a few tens of megabytes for 100,000 repositories), loaded on the first search. Each
 * search first applies what changed since the last one, in one statement that reads two indexes
 * (`repository.changed_xid` and `repository_removal`, kept by triggers whoever writes), so a
 * search sees every change committed before it, made by this replica or another, each applied
 * in place (RankedNames: a few binary searches, no rebuild). Matching reads the names in memory
 * best first and stops when it has enough (RankedNames): a common term, or a two-letter one,
 * which the database's trigram index cannot narrow, costs less than a rare one, and the database
 * no work at all.
 *
 * While the database is unreachable, searches are answered from the index as it last was.
 */
@Injectable()
export class CatalogIndex {
  private readonly logger = new Logger(CatalogIndex.name);
  private readonly byId = new Map<number, IndexedRepository>();
  private ranked = new RankedNames<IndexedRepository>([]);
  /** Each registry's names in catalog order, taken from `ranked` at their first read, then kept up to date. */
  private readonly sortedByRegistry = new Map<number, string[]>();
  private since: string | null = null;
  private syncedAt = 0;
  /** Brings the index up to date with every change committed before the call (freshRead). */
  private readonly current = freshRead(() => this.apply());

  constructor(private readonly repository: SearchRepository) {}

  /**
   * The repositories whose name contains `term`, in `registryIds` (all when undefined), within
   * `narrowing` (searchNarrowing), as of every change committed before the call; `best(take)`
   * ranks them: exact name, then prefix, then substring, each most starred first, then by name.
   */
  async matching(
    term: string,
    registryIds: readonly number[] | undefined,
    narrowing: ReadonlyMap<OwnedNamespace, readonly string[]>,
  ): Promise<{ best(take: number): SearchCandidate[] }> {
    await this.current();
    const registries = registryIds === undefined ? undefined : new Set(registryIds);
    const lower = term.toLowerCase();
    const within = narrowingTest(narrowing);
    const keep = (r: IndexedRepository) => (registries === undefined || registries.has(r.registryId)) && within(r.name);
    const ranked = this.ranked;
    return { best: (take) => ranked.best(lower, take, keep, narrowing) };
  }

  /**
   * A registry's repository names after `last` (all when empty), in the order distribution's
   * catalog lists them (byte order), within `narrowing`, as of every change committed before the
   * call. Lazy: a page reads only as far as it needs.
   */
  async namesAfter(
    registryId: number,
    last: string,
    narrowing: ReadonlyMap<OwnedNamespace, readonly string[]>,
  ): Promise<Iterable<string>> {
    await this.current();
    let names = this.sortedByRegistry.get(registryId);
    if (names === undefined) {
      // Already in byte order (JavaScript compares strings by code units; the names are ASCII).
      names = this.ranked
        .names()
        .filter((r) => r.registryId === registryId)
        .map((r) => r.name);
      this.sortedByRegistry.set(registryId, names);
    }
    const sorted = names;
    const within = narrowingTest(narrowing);
    // The first name after `last`: a binary search, so a deep page costs what the first one does;
    // then only the stretches the narrowing leaves (the asker's own namespaces, not everyone's).
    const stretches = narrowedStretches(sorted, upperBound(sorted, last), narrowing);
    return (function* () {
      for (const [first, end] of stretches) for (let i = first; i < end; i++) if (within(sorted[i]!)) yield sorted[i]!;
    })();
  }

  /**
   * Puts a repository's name into its registry's sorted names, or takes it out, by binary search
   * (a registry holds a name once), so that a change does not make the next catalog page sort the
   * registry's names again; a list not built yet is built at its first read. A list is copied once
   * per application of changes (`copied`): a page being read holds the list it started with.
   */
  private place(repository: IndexedRepository, present: boolean, copied: Set<number>): void {
    let names = this.sortedByRegistry.get(repository.registryId);
    if (names === undefined) return;
    if (!copied.has(repository.registryId)) {
      names = names.slice();
      this.sortedByRegistry.set(repository.registryId, names);
      copied.add(repository.registryId);
    }
    const at = lowerBound(names, repository.name);
    const there = names[at] === repository.name;
    if (present && !there) names.splice(at, 0, repository.name);
    else if (!present && there) names.splice(at, 1);
  }

  private async apply(): Promise<void> {
    const reload = this.since === null || Date.now() - this.syncedAt > RELOAD_AFTER_MS;
    let changes;
    try {
      changes = await this.repository.catalogChanges(reload ? null : this.since);
    } catch (error) {
      if (this.since !== null && isDatabaseUnavailable(error)) {
        this.logger.warn('The database does not answer: searching the catalog as it last was');
        return;
      }
      throw error;
    }
    if (reload) {
      this.byId.clear();
      // Housekeeping, not the search's business: a failure waits for the next reload.
      void this.repository.pruneRemovals(new Date(Date.now() - REMOVALS_KEPT_MS)).catch(() => undefined);
    }
    // Each change applied in place moves every entry after it (splices of the index's arrays, a
    // few milliseconds at a million names): past a thousand, sorting anew is as quick.
    const count = changes.removed.length + changes.changed.length;
    const many = reload || count > Math.min(this.byId.size / 8, MAX_CHANGES_IN_PLACE);
    const copied = new Set<number>();
    for (const id of changes.removed) {
      const old = this.byId.get(id);
      if (old === undefined) continue;
      this.byId.delete(id);
      if (many) continue;
      this.ranked.remove(old);
      this.place(old, false, copied);
    }
    for (const repository of changes.changed) {
      const old = this.byId.get(repository.id);
      this.byId.set(repository.id, repository);
      if (many) continue;
      if (old !== undefined) {
        this.ranked.remove(old);
        this.place(old, false, copied);
      }
      this.ranked.insert(repository);
      this.place(repository, true, copied);
    }
    // Many changes at once (a reload, a first crawl): sorting anew.
    if (many) {
      this.ranked = new RankedNames([...this.byId.values()]);
      this.sortedByRegistry.clear();
    }
    this.since = changes.next;
    this.syncedAt = Date.now();
  }
}
