/**
 * lru-cache options for a cache of at most `entries` entries that grows with what it holds. Given
 * `max`, lru-cache allocates its arrays for every entry at construction: for 100,000 entries about
 * 3 MiB of heap and 20-35 ms, paid at start-up (and by every policy snapshot) for caches that are
 * mostly empty. Counted through `maxSize` (each entry of size 1), the same bound holds and the
 * arrays grow as entries arrive.
 */
export function entriesUpTo(entries: number): { maxSize: number; sizeCalculation: () => number } {
  return { maxSize: entries, sizeCalculation: () => 1 };
}
