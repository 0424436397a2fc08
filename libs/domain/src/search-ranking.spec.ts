import fc from 'fast-check';
import { type Rankable, bestMatches, matchTier } from './search-ranking';

interface Entry extends Rankable {
  readonly id: number;
}

/** The ranking written the slow way: every match, sorted, cut. */
function sortedMatches(entries: readonly Entry[], term: string, take: number, keep: (e: Entry) => boolean): Entry[] {
  return entries
    .filter((e) => matchTier(e.name, term) !== undefined && keep(e))
    .sort(
      (a, b) =>
        matchTier(a.name, term)! - matchTier(b.name, term)! ||
        b.starCount - a.starCount ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id),
    )
    .slice(0, take);
}

const names = fc.stringMatching(/^[ab/]{1,6}$/);

describe('bestMatches', () => {
  it('ranks exact, then prefix, then substring matches, most starred then by name within each', () => {
    const entries: Entry[] = [
      { id: 1, name: 'library/redis', starCount: 9 },
      { id: 2, name: 'redis-tools', starCount: 0 },
      { id: 3, name: 'redis', starCount: 0 },
      { id: 4, name: 'redis-cli', starCount: 5 },
      { id: 5, name: 'groups/x/redis', starCount: 9 },
      { id: 6, name: 'nginx', starCount: 100 },
    ];
    expect(bestMatches(entries, 'redis', 10, () => true).map((e) => e.id)).toEqual([3, 4, 2, 5, 1]);
    expect(bestMatches(entries, 'redis', 2, () => true).map((e) => e.id)).toEqual([3, 4]);
    expect(bestMatches(entries, 'redis', 10, (e) => e.starCount > 0).map((e) => e.id)).toEqual([4, 5, 1]);
    expect(bestMatches(entries, 'redis', 0, () => true)).toEqual([]);
  });

  it('gives what sorting every kept match would, for any entries, term and size', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ name: names, starCount: fc.integer({ min: 0, max: 3 }) }), {
          selector: (e) => e.name,
          maxLength: 60,
        }),
        names,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 3 }),
        (raw, term, take, shut) => {
          const entries = raw.map((e, id) => ({ ...e, id }));
          const keep = (e: Entry) => e.id % 4 !== shut;
          expect(bestMatches(entries, term, take, keep)).toEqual(sortedMatches(entries, term, take, keep));
        },
      ),
    );
  });
});
