import { changesBetween } from './access-changes';

describe('changesBetween', () => {
  const row = (generation: number, kind: string, ids: number[]) => ({ generation: BigInt(generation), kind, ids });

  it('should gather the ids each kind of subject had touched', () => {
    const changes = changesBetween(4n, 7n, [row(5, 'user', [1, 2]), row(6, 'rule', [9]), row(7, 'user', [2, 3])]);
    expect(changes.all).toBe(false);
    expect(changes.generation).toBe(7n);
    expect(changes.touched).toEqual(
      new Map([
        ['user', new Set([1, 2, 3])],
        ['rule', new Set([9])],
      ]),
    );
  });

  it('should say everything changed when a generation is missing from the log', () => {
    expect(changesBetween(4n, 7n, [row(5, 'user', [1]), row(7, 'user', [2])]).all).toBe(true);
    expect(changesBetween(4n, 6n, [row(4, 'user', [1]), row(5, 'user', [2])]).all).toBe(true);
    expect(changesBetween(4n, 5n, []).all).toBe(true);
  });

  it('should say everything changed for a change of everyone, or of a kind it does not know', () => {
    expect(changesBetween(1n, 2n, [row(2, 'all', [])]).all).toBe(true);
    expect(changesBetween(1n, 2n, [row(2, 'planet', [3])]).all).toBe(true);
  });
});
