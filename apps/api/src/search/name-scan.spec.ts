import fc from 'fast-check';
import { OWNED_NAMESPACES, type OwnedNamespace, matchTier, narrowingTest } from '@portcullis/domain';
import { type RankedEntry, RankedNames } from './name-scan';

interface Entry extends RankedEntry {
  readonly registryId: number;
}

/** What best() must answer: every kept match, by tier, most starred, name, id. */
function reference(entries: readonly Entry[], term: string, take: number, keep: (e: Entry) => boolean): Entry[] {
  return entries
    .filter((e) => matchTier(e.name, term) !== undefined && keep(e))
    .map((e) => ({ e, tier: matchTier(e.name, term)! }))
    .sort(
      (a, b) =>
        a.tier - b.tier ||
        b.e.starCount - a.e.starCount ||
        (a.e.name < b.e.name ? -1 : a.e.name > b.e.name ? 1 : a.e.id - b.e.id),
    )
    .slice(0, Math.max(take, 0))
    .map(({ e }) => e);
}

describe('RankedNames', () => {
  it('ranks the exact name, then the prefixes, then the others, most starred first, and keeps only what keep accepts', () => {
    const entries: Entry[] = [
      { id: 1, name: 'library/redis', starCount: 0, registryId: 1 },
      { id: 2, name: 'groups/dev/redis-tools', starCount: 5, registryId: 1 },
      { id: 3, name: 'redis', starCount: 0, registryId: 1 },
      { id: 4, name: 'redis-cli', starCount: 1, registryId: 1 },
      { id: 5, name: 'apps/shop/redis', starCount: 9, registryId: 2 },
    ];
    const names = RankedNames.of(entries);
    const best = (term: string, take: number, keep = (_: Entry) => true) =>
      names.best(term, take, keep).map((e) => e.id);
    expect(best('redis', 10)).toEqual([3, 4, 5, 2, 1]);
    expect(best('redis', 3)).toEqual([3, 4, 5]);
    expect(best('redis', 10, (e) => e.registryId === 1)).toEqual([3, 4, 2, 1]);
    expect(best('is-t', 10)).toEqual([2]);
    expect(best('nothing', 10)).toEqual([]);
  });

  const segment = fc.string({ unit: fc.constantFrom(...'abz09._-'), minLength: 1, maxLength: 3 });
  const name = fc.oneof(
    fc
      .tuple(fc.constantFrom(...OWNED_NAMESPACES, 'library'), segment, fc.option(segment))
      .map(([namespace, ref, rest]) => (rest === null ? `${namespace}/${ref}` : `${namespace}/${ref}/${rest}`)),
    segment,
  );
  const byName = (a: Entry, b: Entry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id);

  it('builds the same index from names in order, or from another with many changes at once, pausing between slices', async () => {
    const entry = fc.record({ name, starCount: fc.nat({ max: 3 }), registryId: fc.constant(1) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { maxLength: 40 }),
        fc.array(entry, { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.boolean(),
        fc.string({ unit: fc.constantFrom(...'abz09._-/'), maxLength: 3 }),
        async (initial, additions, goneAt, shuffled, term) => {
          let next = 1;
          const first: Entry[] = initial.map((e) => ({ ...e, id: next++ }));
          // The database's order, or (checked, then sorted) any other.
          const given = shuffled ? [...first].reverse() : [...first].sort(byName);
          let pauses = 0;
          const pause = () => Promise.resolve(pauses++);
          const loaded = await RankedNames.inNameOrder(given, pause);
          const gone = new Set(goneAt.map((n) => first[n % Math.max(first.length, 1)]?.id ?? 0));
          // A changed repository is taken out by its id and put in again as it is now.
          const changed = first.filter((e) => gone.has(e.id) && e.starCount === 0).map((e) => ({ ...e, starCount: 3 }));
          const added = [...changed, ...additions.map((e) => ({ ...e, id: next++ }))];
          const live = [...first.filter((e) => !gone.has(e.id)), ...added];
          const changedIndex = await loaded.withChanges(gone, added, pause);
          const keep = () => true;
          expect(loaded.names()).toEqual([...first].sort(byName));
          expect(loaded.best(term, 12, keep)).toEqual(reference(first, term, 12, keep));
          expect(changedIndex.names()).toEqual([...live].sort(byName));
          expect(changedIndex.best(term, 12, keep)).toEqual(reference(live, term, 12, keep));
          expect(pauses).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees with ranking every match, after any insertions and removals', () => {
    const narrowing = fc
      .uniqueArray(fc.tuple(fc.constantFrom(...OWNED_NAMESPACES), fc.array(segment, { maxLength: 3 })), {
        selector: ([namespace]) => namespace,
      })
      .map((entries) => new Map<OwnedNamespace, string[]>(entries));
    const entry = fc.record({ name, starCount: fc.nat({ max: 2 }), registryId: fc.integer({ min: 1, max: 2 }) });
    const step = fc.oneof(
      entry.map((e) => ({ kind: 'insert' as const, e })),
      fc.nat().map((n) => ({ kind: 'remove' as const, n })),
      fc.tuple(fc.nat(), fc.nat({ max: 2 })).map(([n, stars]) => ({ kind: 'star' as const, n, stars })),
    );
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 30 }),
        fc.array(step, { maxLength: 30 }),
        fc.string({ unit: fc.constantFrom(...'abz09._-/'), maxLength: 3 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 2 }),
        narrowing,
        fc.nat({ max: 4 }),
        (initial, steps, term, take, registry, narrowed, longRun) => {
          let next = 1;
          let live: Entry[] = initial.map((e) => ({ ...e, id: next++ }));
          const names = RankedNames.of<Entry>(live, longRun);
          for (const s of steps) {
            if (s.kind === 'insert') {
              const added = { ...s.e, id: next++ };
              live.push(added);
              names.insert(added);
            } else if (live.length > 0) {
              const old = live[s.n % live.length]!;
              names.remove(old);
              live = live.filter((e) => e !== old);
              if (s.kind === 'star') {
                const starred = { ...old, starCount: s.stars };
                live.push(starred);
                names.insert(starred);
              }
            }
          }
          const within = narrowingTest(narrowed);
          const keep = (e: Entry) => e.registryId === registry && within(e.name);
          expect(names.best(term, take, keep, narrowed)).toEqual(reference(live, term, take, keep));
          expect(names.names()).toEqual([...live].sort(byName));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
