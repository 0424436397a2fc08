import { type OwnedNamespace, bestMatches, lowerBoundBy, narrowedStretchesBy } from '@portcullis/domain';

/** Runs of equal stars longer than this are read by the stretches the narrowing leaves. */
const LONG_RUN = 1024;

/** Entries built between two turns of the event loop (a few milliseconds of work). */
const SLICE = 16_384;

/** Int32s of mask per name: 64 bits of character pairs, then 64 of character triples. */
const MASK_WORDS = 4;

/**
 * The pairs and the triples of adjacent characters a name holds, each hashed into 64 bits (four
 * 32-bit words). A name can contain a term only if it has every bit the term has, which four ANDs
 * tell: when a search must read every name (a term few names contain), nearly all are passed
 * over without reading the name (each one read is a cache miss or two: ~0.5 µs). Pairs alone
 * let through names that hold the term's pairs in other places (`db-33-4133` for `db-333`: 15,000
 * of 400,000 names, 9 ms; with triples, 150 and 1.7 ms); triples alone would leave a two-letter
 * term to read every name. A term of one character holds neither: every name is read.
 */
function maskInto(text: string, masks: Int32Array, at: number): void {
  let pairsLow = 0;
  let pairsHigh = 0;
  let triplesLow = 0;
  let triplesHigh = 0;
  for (let i = 1; i < text.length; i++) {
    // The top six bits of a multiplicative hash of the pair, and of the triple ending here.
    const pair = text.charCodeAt(i - 1) * 65599 + text.charCodeAt(i);
    const bit = Math.imul(pair, 0x9e3779b1) >>> 26;
    if (bit < 32) pairsLow |= 1 << bit;
    else pairsHigh |= 1 << (bit - 32);
    if (i < 2) continue;
    const triple = Math.imul(text.charCodeAt(i - 2) * 65599 + pair, 0x85ebca6b) >>> 26;
    if (triple < 32) triplesLow |= 1 << triple;
    else triplesHigh |= 1 << (triple - 32);
  }
  masks[at] = pairsLow;
  masks[at + 1] = pairsHigh;
  masks[at + 2] = triplesLow;
  masks[at + 3] = triplesHigh;
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

/**
 * `byName`'s entries in byRankOrder: a stable bucketing by stars (their order by name kept within
 * each count of stars), in linear time where a comparison sort of a million takes a second.
 */
function rankedFrom<T extends RankedEntry>(byName: readonly T[]): T[] {
  const counts = new Map<number, number>();
  for (const entry of byName) counts.set(entry.starCount, (counts.get(entry.starCount) ?? 0) + 1);
  const next = new Map<number, number>();
  let at = 0;
  for (const stars of [...counts.keys()].sort((a, b) => b - a)) {
    next.set(stars, at);
    at += counts.get(stars)!;
  }
  const byRank = new Array<T>(byName.length);
  for (const entry of byName) {
    const place = next.get(entry.starCount)!;
    byRank[place] = entry;
    next.set(entry.starCount, place + 1);
  }
  return byRank;
}

/** Room for `count` entries' masks, and a few more before it must grow. */
const masksFor = (count: number) => new Int32Array(Math.max(16, (count + 4) * MASK_WORDS));

/** Fills `masks` with `byRank`'s masks, a slice of SLICE entries at a time (one per step). */
function* maskSlices(byRank: readonly RankedEntry[], masks: Int32Array): Generator<void> {
  for (let i = 0; i < byRank.length; i++) {
    maskInto(byRank[i]!.name, masks, i * MASK_WORDS);
    if (i % SLICE === SLICE - 1) yield;
  }
}

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
 * and by rank (most starred, then by name), with each name's mask of character pairs and
 * triples alongside, where the names containing the term elsewhere are met best first, so that a
 * search stops as soon as it has what it takes: a term a tenth of a million names contain reads a
 * few hundred of them. In the long runs of equal stars (most repositories have none), only the stretches the
 * asker's narrowing leaves are read. Only a term few of those names contain reads them all. A
 * change is an insertion or removal by binary search (a splice of pointers), not a rebuild.
 */
export class RankedNames<T extends RankedEntry> {
  private constructor(
    private readonly byName: T[],
    private readonly byRank: T[],
    /** MASK_WORDS per entry of byRank, in its order; grown by doubling. */
    private masks: Int32Array,
    private readonly longRun: number,
  ) {}

  /**
   * The index of `entries`, in any order. `longRun`: runs of equal stars longer than this are read
   * by stretches (LONG_RUN; tests lower it).
   */
  static of<T extends RankedEntry>(entries: readonly T[], longRun = LONG_RUN): RankedNames<T> {
    const byName = [...entries].sort(byNameOrder);
    const byRank = rankedFrom(byName);
    const masks = masksFor(byRank.length);
    for (const _ of maskSlices(byRank, masks));
    return new RankedNames(byName, byRank, masks, longRun);
  }

  /**
   * The index of `entries`, which are meant to be by name already (the database's `ORDER BY name
   * COLLATE "C", id`; checked, and sorted if not): no comparison sort, and the event loop gets a
   * turn (`pause`) between slices of the work, so that a million names (a second or so in all)
   * do not hold up the requests answered meanwhile.
   */
  static async inNameOrder<T extends RankedEntry>(
    entries: T[],
    pause: () => Promise<unknown>,
    longRun = LONG_RUN,
  ): Promise<RankedNames<T>> {
    let ordered = true;
    for (let i = 1; i < entries.length && ordered; i++) ordered = byNameOrder(entries[i - 1]!, entries[i]!) < 0;
    await pause();
    return RankedNames.built(ordered ? entries : [...entries].sort(byNameOrder), longRun, pause);
  }

  /**
   * A new index: this one's entries but those of ids in `gone`, and the `added` ones (this one is
   * left as it was, for the reads under way). The kept entries are merged with the added ones,
   * sorted (not the whole), with inNameOrder's turns of the event loop: for many changes at once,
   * where each insertion in place would move every entry after it.
   */
  async withChanges(
    gone: ReadonlySet<number>,
    added: readonly T[],
    pause: () => Promise<unknown>,
  ): Promise<RankedNames<T>> {
    const kept = this.byName.filter((entry) => !gone.has(entry.id));
    const fresh = [...added].sort(byNameOrder);
    const merged = new Array<T>(kept.length + fresh.length);
    for (let i = 0, j = 0, k = 0; k < merged.length; k++) {
      const fromKept = j >= fresh.length || (i < kept.length && byNameOrder(kept[i]!, fresh[j]!) < 0);
      merged[k] = fromKept ? kept[i++]! : fresh[j++]!;
    }
    await pause();
    return RankedNames.built(merged, this.longRun, pause);
  }

  private static async built<T extends RankedEntry>(
    byName: T[],
    longRun: number,
    pause: () => Promise<unknown>,
  ): Promise<RankedNames<T>> {
    const byRank = rankedFrom(byName);
    await pause();
    const masks = masksFor(byRank.length);
    for (const _ of maskSlices(byRank, masks)) await pause();
    return new RankedNames(byName, byRank, masks, longRun);
  }

  /** Every entry, by name (then id). */
  names(): readonly T[] {
    return this.byName;
  }

  insert(entry: T): void {
    this.byName.splice(positionOf(this.byName, entry, byNameOrder), 0, entry);
    const at = positionOf(this.byRank, entry, byRankOrder);
    this.byRank.splice(at, 0, entry);
    if (this.masks.length < this.byRank.length * MASK_WORDS) {
      const grown = new Int32Array(this.masks.length * 2);
      grown.set(this.masks);
      this.masks = grown;
    }
    this.masks.copyWithin((at + 1) * MASK_WORDS, at * MASK_WORDS, (this.byRank.length - 1) * MASK_WORDS);
    maskInto(entry.name, this.masks, at * MASK_WORDS);
  }

  /** Removes `entry` (as it was inserted: its name and stars then). */
  remove(entry: T): void {
    const named = positionOf(this.byName, entry, byNameOrder);
    const at = positionOf(this.byRank, entry, byRankOrder);
    if (this.byName[named]?.id !== entry.id || this.byRank[at]?.id !== entry.id) return;
    this.byName.splice(named, 1);
    this.byRank.splice(at, 1);
    this.masks.copyWithin(at * MASK_WORDS, (at + 1) * MASK_WORDS, (this.byRank.length + 1) * MASK_WORDS);
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
    const wanted = new Int32Array(MASK_WORDS);
    maskInto(term, wanted, 0);
    const [pairsLow = 0, pairsHigh = 0, triplesLow = 0, triplesHigh = 0] = wanted;
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
          const at = i * MASK_WORDS;
          if (
            (masks[at]! & pairsLow) !== pairsLow ||
            (masks[at + 1]! & pairsHigh) !== pairsHigh ||
            (masks[at + 2]! & triplesLow) !== triplesLow ||
            (masks[at + 3]! & triplesHigh) !== triplesHigh
          )
            continue;
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
