import { Injectable, Logger } from '@nestjs/common';
import { type OwnedNamespace, bestMatches, narrowingTest } from '@portcullis/domain';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { type IndexedRepository, type SearchCandidate, SearchRepository } from './search.repository';

/** An index not brought up to date for this long reloads everything (removals are kept a day). */
const RELOAD_AFTER_MS = 60 * 60 * 1000;
const REMOVALS_KEPT_MS = 24 * 60 * 60 * 1000;
/** Between names in the scanned text: repository names never hold it. */
const SEPARATOR = '\n';

/** Every name end to end, to scan with one indexOf per match rather than one per repository. */
interface NameText {
  readonly text: string;
  /** Where each repository's name starts in `text`, ascending. */
  readonly starts: Int32Array;
  readonly repositories: readonly IndexedRepository[];
}

function nameTextOf(repositories: readonly IndexedRepository[]): NameText {
  const starts = new Int32Array(repositories.length);
  let at = 0;
  repositories.forEach((r, i) => {
    starts[i] = at;
    at += r.name.length + SEPARATOR.length;
  });
  return { text: repositories.map((r) => r.name).join(SEPARATOR), starts, repositories };
}

/** The repositories whose name contains `term`, each once. */
function containing(names: NameText, term: string): IndexedRepository[] {
  const found: IndexedRepository[] = [];
  if (term === '' || term.includes(SEPARATOR)) return term === '' ? [...names.repositories] : found;
  const { text, starts, repositories } = names;
  for (let at = text.indexOf(term); at >= 0;) {
    // The name the match starts in: the last start at or before it.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    const repository = repositories[low]!;
    const end = starts[low]! + repository.name.length;
    if (at + term.length <= end) found.push(repository);
    at = text.indexOf(term, at + term.length <= end ? end : at + 1);
  }
  return found;
}

/**
 * docker search's view of the catalog, in memory: every repository's name, description, stars and
 * flags (a few tens of megabytes for 100,000 repositories), loaded on the first search. Each
 * search first applies what changed since the last one, in one statement that reads two indexes
 * (`repository.changed_xid` and `repository_removal`, kept by triggers whoever writes), so a
 * search sees every change committed before it, made by this replica or another. Matching scans
 * the names in memory: a common term, or a two-letter one, which the database's trigram index
 * cannot narrow, costs no more than a rare one, and the database no work at all.
 *
 * While the database is unreachable, searches are answered from the index as it last was.
 */
@Injectable()
export class CatalogIndex {
  private readonly logger = new Logger(CatalogIndex.name);
  private readonly byId = new Map<number, IndexedRepository>();
  private names: NameText | undefined;
  private since: string | null = null;
  private syncedAt = 0;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly repository: SearchRepository) {}

  /**
   * The `take` best repositories whose name contains `term`, in `registryIds` (all when
   * undefined), within `narrowing` (searchNarrowing): exact name, then prefix, then substring,
   * each most starred first, then by name.
   */
  async search(
    term: string,
    registryIds: readonly number[] | undefined,
    take: number,
    narrowing: ReadonlyMap<OwnedNamespace, readonly string[]>,
  ): Promise<SearchCandidate[]> {
    await this.current();
    this.names ??= nameTextOf([...this.byId.values()]);
    const registries = registryIds === undefined ? undefined : new Set(registryIds);
    const lower = term.toLowerCase();
    const within = narrowingTest(narrowing);
    return bestMatches(
      containing(this.names, lower),
      lower,
      take,
      (r) => (registries === undefined || registries.has(r.registryId)) && within(r.name),
    );
  }

  /**
   * Brings the index up to date with every change committed before the call. Concurrent callers
   * share reads: one that arrives while a read runs waits for the next one, which all such
   * callers share (the running read may have started before their writes committed).
   */
  private current(): Promise<void> {
    if (this.running === undefined) {
      this.running = this.apply().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.current();
      });
    return this.queued;
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
      await this.repository.pruneRemovals(new Date(Date.now() - REMOVALS_KEPT_MS));
    }
    for (const id of changes.removed) this.byId.delete(id);
    for (const repository of changes.changed) this.byId.set(repository.id, repository);
    if (reload || changes.removed.length > 0 || changes.changed.length > 0) this.names = undefined;
    this.since = changes.next;
    this.syncedAt = Date.now();
  }
}
