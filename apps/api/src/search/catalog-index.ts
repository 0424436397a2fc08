import { Injectable, Logger } from '@nestjs/common';
import { setImmediate } from 'node:timers/promises';
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
/** More changes than this at once build a new index instead of applying each in place. */
const MAX_CHANGES_IN_PLACE = 1024;
/** Repositories read from the database at once when the index is loaded (a few ms of parsing). */
const RELOAD_PAGE = 5_000;
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
  private byId = new Map<number, IndexedRepository>();
  private ranked = RankedNames.of<IndexedRepository>([]);
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
    if (this.since === null || Date.now() - this.syncedAt > RELOAD_AFTER_MS) return this.reload();
    let changes;
    try {
      changes = await this.repository.catalogChanges(this.since);
    } catch (error) {
      if (this.keptThrough(error)) return;
      throw error;
    }
    // Each change applied in place moves every entry after it (splices of the index's arrays, a
    // few milliseconds at a million names): past a thousand, a new index is built (a merge, then
    // a linear bucketing, with turns of the event loop between slices).
    const count = changes.removed.length + changes.changed.length;
    if (count > Math.min(this.byId.size / 8, MAX_CHANGES_IN_PLACE)) {
      const gone = new Set([...changes.removed, ...changes.changed.map((r) => r.id)]);
      const ranked = await this.ranked.withChanges(gone, changes.changed, setImmediate);
      for (const id of changes.removed) this.byId.delete(id);
      for (const repository of changes.changed) this.byId.set(repository.id, repository);
      this.ranked = ranked;
      this.sortedByRegistry.clear();
    } else {
      const copied = new Set<number>();
      for (const id of changes.removed) {
        const old = this.byId.get(id);
        if (old === undefined) continue;
        this.byId.delete(id);
        this.ranked.remove(old);
        this.place(old, false, copied);
      }
      for (const repository of changes.changed) {
        const old = this.byId.get(repository.id);
        this.byId.set(repository.id, repository);
        if (old !== undefined) {
          this.ranked.remove(old);
          this.place(old, false, copied);
        }
        this.ranked.insert(repository);
        this.place(repository, true, copied);
      }
    }
    this.since = changes.next;
    this.syncedAt = Date.now();
  }

  /** Whether the index stays as it last was through `error`: the database away, and a load to answer from. */
  private keptThrough(error: unknown): boolean {
    if (this.since === null || !isDatabaseUnavailable(error)) return false;
    this.logger.warn('The database does not answer: searching the catalog as it last was');
    return true;
  }

  /**
   * Loads the whole catalog anew (the first search, or one after an hour without any), in pages
   * by name with a turn of the event loop after each, so that the tokens and pages this replica
   * answers meanwhile are not held up: at a million repositories, one statement's result parsed
   * at once and sorted held the event loop for seconds. The index in use is replaced at the end.
   */
  private async reload(): Promise<void> {
    const entries: IndexedRepository[] = [];
    const byId = new Map<number, IndexedRepository>();
    let next;
    try {
      next = await this.repository.everyRepository(RELOAD_PAGE, async (page) => {
        for (const repository of page) {
          entries.push(repository);
          byId.set(repository.id, repository);
        }
        await setImmediate();
      });
    } catch (error) {
      if (this.keptThrough(error)) return;
      throw error;
    }
    const ranked = await RankedNames.inNameOrder(entries, setImmediate);
    this.byId = byId;
    this.ranked = ranked;
    this.sortedByRegistry.clear();
    this.since = next;
    this.syncedAt = Date.now();
    // Housekeeping, not the search's business: a failure waits for the next reload.
    void this.repository.pruneRemovals(new Date(Date.now() - REMOVALS_KEPT_MS)).catch(() => undefined);
  }
}
