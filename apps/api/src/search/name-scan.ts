import { type OwnedNamespace, bestMatches, lowerBoundBy, narrowedStretchesBy } from '@portcullis/domain';

/** Runs of equal stars longer than this are read by the stretches the narrowing leaves. */
const LONG_RUN = 1024;

/**
 * The pairs of adjacent characters a name holds, hashed into 64 bits (two 32-bit halves). A name
 * can contain a term only if it has every bit the term has, which two ANDs tell: when a search
 * must read every name (a term few names contain), most are passed over without a string
 * search. Pairs, not single characters: names built from the same namespaces, words and digits
 * hold nearly every character, and few of the pairs a term holds (a term of one character holds
 * none: every name is searched).
 */
function maskInto(text: string, masks: Int32Array, at: number): void {
  let low = 0;
  let high = 0;
  for (let i = 1; i < text.length; i++) {
    // The top six bits of a multiplicative hash of the pair.
    const bit = Math.imul(text.charCodeAt(i - 1) * 65599 + text.charCodeAt(i), 0x9e3779b1) >>> 26;
    if (bit < 32) low |= 1 << bit;
    else high |= 1 << (bit - 32);
  }
  masks[at] = low;
  masks[at + 1] = high;
}

/** What the index ranks: a repository's id (the last tie-break), name and stars. */
export interface RankedEntry {
  readonly id: number;
  readonly name: string;
  readonly starCount: number;
}

const byNameOrder = (a: RankedEntry, b: RankedEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id);
/** The order of search results within a tier (search-ranking's): most starred, then by name. */
const byRankOrder = (a: RankedEntry, b: RankedEntry) => b.starCount - a.starCount || byNameOrder(a, b);

/** The first index of `sorted` (in `order`) not before `entry`. */
function positionOf<T extends RankedEntry>(
  sorted: readonly T[],
  entry: RankedEntry,
  order: typeof byNameOrder,
): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(sorted[middle]!, entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The catalog's names for search, kept in the two orders a search reads them in: by name, where
 * the names that are the term or start with it (the best two tiers) are one binary search away,
 * and by rank (most starred, then by name), with each name's mask of character pairs alongside,
 * where the names containing the term elsewhere are met best first, so that a search stops as
 * soon as it has what it takes: a term a tenth of a million names contain reads a few hundred of
 * them. In the long runs of equal stars (most repositories have none), only the stretches the
 * asker's narrowing leaves are read. Only a term few of those names contain reads them all. A
 * change is an insertion or removal by binary search (a splice of pointers), not a rebuild.
 */
export class RankedNames<T extends RankedEntry> {
  private readonly byName: T[];
  private readonly byRank: T[];
  /** Two per entry of byRank, in its order; grown by doubling. */
  private masks: Int32Array;

  /** `longRun`: runs of equal stars longer than this are read by stretches (LONG_RUN; tests lower it). */
  constructor(
    entries: readonly T[],
    private readonly longRun = LONG_RUN,
  ) {
    this.byName = [...entries].sort(byNameOrder);
    this.byRank = [...entries].sort(byRankOrder);
    this.masks = new Int32Array(Math.max(16, this.byRank.length * 2 + 16));
    this.byRank.forEach((entry, i) => maskInto(entry.name, this.masks, i * 2));
  }

  /** Every entry, by name (then id). */
  names(): readonly T[] {
    return this.byName;
  }

  insert(entry: T): void {
    this.byName.splice(positionOf(this.byName, entry, byNameOrder), 0, entry);
    const at = positionOf(this.byRank, entry, byRankOrder);
    this.byRank.splice(at, 0, entry);
    if (this.masks.length < this.byRank.length * 2) {
      const grown = new Int32Array(this.masks.length * 2);
      grown.set(this.masks);
      this.masks = grown;
    }
    this.masks.copyWithin((at + 1) * 2, at * 2, (this.byRank.length - 1) * 2);
    maskInto(entry.name, this.masks, at * 2);
  }

  /** Removes `entry` (as it was inserted: its name and stars then). */
  remove(entry: T): void {
    const named = positionOf(this.byName, entry, byNameOrder);
    const at = positionOf(this.byRank, entry, byRankOrder);
    if (this.byName[named]?.id !== entry.id || this.byRank[at]?.id !== entry.id) return;
    this.byName.splice(named, 1);
    this.byRank.splice(at, 1);
    this.masks.copyWithin(at * 2, (at + 1) * 2, (this.byRank.length + 1) * 2);
  }

  /**
   * The `take` best entries whose name contains `term` among those `keep` accepts, best first:
   * the name is the term, then it starts with it, then it contains it elsewhere; within each,
   * most starred, then by name (search-ranking's order, ties by id). `narrowing`: what `keep`
   * rules out at least (searchNarrowing), so that whole stretches of others' names are skipped.
   */
  best(
    term: string,
    take: number,
    keep: (entry: T) => boolean,
    narrowing: ReadonlyMap<OwnedNamespace, readonly string[]> = new Map(),
  ): T[] {
    if (take <= 0) return [];
    // The first two tiers: the names from `term` on that start with it.
    const starting = function* (sorted: readonly T[], from: number) {
      for (let i = from; i < sorted.length && sorted[i]!.name.startsWith(term); i++) yield sorted[i]!;
    };
    const found = bestMatches(
      starting(
        this.byName,
        lowerBoundBy((i) => this.byName[i]!.name, term, 0, this.byName.length),
      ),
      term,
      take,
      keep,
    );
    if (found.length === take) return found;
    const wanted = new Int32Array(2);
    maskInto(term, wanted, 0);
    const low = wanted[0]!;
    const high = wanted[1]!;
    const { byRank, masks } = this;
    const nameAt = (i: number) => byRank[i]!.name;
    // byRank holds runs of equal stars, each by name: in a long run, only the stretches the
    // narrowing leaves are read (the names of other users, groups and apps come first by name).
    for (let run = 0; run < byRank.length;) {
      const stars = byRank[run]!.starCount;
      const end = this.endOfStars(stars, run);
      const stretches: [number, number][] =
        end - run > this.longRun ? narrowedStretchesBy(nameAt, run, end, narrowing) : [[run, end]];
      for (const [first, last] of stretches) {
        for (let i = first; i < last; i++) {
          if ((masks[i * 2]! & low) !== low || (masks[i * 2 + 1]! & high) !== high) continue;
          const entry = byRank[i]!;
          if (entry.name.indexOf(term) > 0 && keep(entry)) {
            found.push(entry);
            if (found.length === take) return found;
          }
        }
      }
      run = end;
    }
    return found;
  }

  /** The end of the run of entries with `stars` stars that starts at `from` in byRank. */
  private endOfStars(stars: number, from: number): number {
    let low = from;
    let high = this.byRank.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.byRank[middle]!.starCount >= stars) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
