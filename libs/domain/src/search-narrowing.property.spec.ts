import fc from 'fast-check';
import { OWNED_NAMESPACES, type OwnedNamespace, narrowedStretches, narrowingTest } from './search-narrowing';

/** Names from a small alphabet, so that namespaces, refs and their neighbours (`a-b`, `a/`, `a0`) collide. */
const segment = fc.string({ unit: fc.constantFrom('a', 'b', '-', '0', '.', '_'), minLength: 1, maxLength: 3 });
const name = fc.oneof(
  fc
    .tuple(fc.constantFrom(...OWNED_NAMESPACES, 'library', 'user', 'groupsx'), segment, fc.option(segment))
    .map(([namespace, ref, rest]) => (rest === null ? `${namespace}/${ref}` : `${namespace}/${ref}/${rest}`)),
  segment,
);
const narrowing = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...OWNED_NAMESPACES), fc.array(segment, { maxLength: 4 })), {
    selector: ([namespace]) => namespace,
  })
  .map((entries) => new Map<OwnedNamespace, string[]>(entries));

describe('narrowedStretches', () => {
  it('should hold, in order, every name within the narrowing from the start given', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 60 }), narrowing, fc.nat(), (names, narrowed, from) => {
        const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const start = from % (sorted.length + 1);
        const within = narrowingTest(narrowed);
        const stretches = narrowedStretches(sorted, start, narrowed);
        for (let i = 1; i < stretches.length; i++)
          expect(stretches[i]![0]).toBeGreaterThanOrEqual(stretches[i - 1]![1]);
        const read = stretches.flatMap(([first, last]) => sorted.slice(first, last));
        expect(read.filter(within)).toEqual(sorted.slice(start).filter(within));
      }),
      { numRuns: 5000 },
    );
  });

  it('should read a name once when another narrowed namespace holds none', () => {
    const sorted = ['users/-'];
    const narrowed = new Map<OwnedNamespace, string[]>([
      ['users', ['-']],
      ['groups', []],
    ]);
    expect(narrowedStretches(sorted, 0, narrowed)).toEqual([[0, 1]]);
  });

  it('should leave out the namespaces of others', () => {
    const sorted = ['apps/x/a', 'groups/dev/a', 'groups/ops/a', 'library/a', 'users/ann/a', 'users/bob', 'users/bob/a'];
    const narrowed = new Map<OwnedNamespace, string[]>([
      ['groups', ['dev']],
      ['users', ['bob']],
    ]);
    const read = narrowedStretches(sorted, 0, narrowed).flatMap(([first, last]) => sorted.slice(first, last));
    expect(read).toEqual(['apps/x/a', 'groups/dev/a', 'library/a', 'users/bob', 'users/bob/a']);
  });
});
