/** What docker search ranks: a repository's name (lower-case, as distribution requires) and stars. */
export interface Rankable {
  readonly name: string;
  readonly starCount: number;
}

/** 0: the name is the term, 1: it starts with it, 2: it contains it elsewhere, undefined: no match. */
export function matchTier(name: string, term: string): 0 | 1 | 2 | undefined {
  const at = name.indexOf(term);
  if (at < 0) return undefined;
  if (at > 0) return 2;
  return name.length === term.length ? 0 : 1;
}

interface Ranked<T> {
  readonly entry: T;
  readonly tier: 0 | 1 | 2;
}

/** Best first: exact, prefix, substring; within each, most starred, then by name (code units). */
function compare(aTier: number, a: Rankable, bTier: number, b: Rankable): number {
  return aTier - bTier || b.starCount - a.starCount || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * The `take` best entries whose name contains `term` (lower-cased by the caller) among those
 * `keep` accepts, best first. One pass that keeps only the best `take` so far (a sorted array:
 * a common term matches thousands, and most of them lose to the last kept one at once).
 */
export function bestMatches<T extends Rankable>(
  entries: Iterable<T>,
  term: string,
  take: number,
  keep: (entry: T) => boolean,
): T[] {
  const best: Ranked<T>[] = [];
  if (take <= 0) return [];
  for (const entry of entries) {
    const tier = matchTier(entry.name, term);
    if (tier === undefined) continue;
    const worst = best[take - 1];
    if (worst !== undefined && compare(tier, entry, worst.tier, worst.entry) >= 0) continue;
    if (!keep(entry)) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(best[middle]!.tier, best[middle]!.entry, tier, entry) <= 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, { entry, tier });
    if (best.length > take) best.pop();
  }
  return best.map((r) => r.entry);
}
