import fc from 'fast-check';
import { containing, nameScanOf } from './name-scan';

describe('containing', () => {
  it('finds the names that contain the term, and only them', () => {
    const scan = nameScanOf(
      ['library/redis', 'groups/dev/redis-tools', 'apps/shop/web', 'Ünïcode/x'].map((name) => ({ name })),
    );
    expect(containing(scan, 'redis').map((r) => r.name)).toEqual(['library/redis', 'groups/dev/redis-tools']);
    expect(containing(scan, 'is-t').map((r) => r.name)).toEqual(['groups/dev/redis-tools']);
    expect(containing(scan, 'ünï').map((r) => r.name)).toEqual([]);
    expect(containing(scan, 'Ünï').map((r) => r.name)).toEqual(['Ünïcode/x']);
    expect(containing(scan, '')).toHaveLength(4);
  });

  it('agrees with String.includes for any names and term (the masks only skip, never hide)', () => {
    const text = fc.string({ unit: fc.constantFrom(...'abz09._-/:ÉéA€ '), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), text, (names, term) => {
        const scan = nameScanOf(names.map((name) => ({ name })));
        expect(containing(scan, term).map((r) => r.name)).toEqual(names.filter((name) => name.includes(term)));
      }),
    );
  });
});
