import { globNeverMatches, matchesPattern, patternProblem } from './pattern';

const alice = { account: 'alice', service: 'registry.test', groups: ['dev', 'ops'] };

describe('matchesPattern', () => {
  it.each([
    ['releases/**', 'releases/app', true],
    ['releases/**', 'releases/a/b/c', true],
    ['releases/**', 'releases', false],
    ['releases/*', 'releases/app', true],
    ['releases/*', 'releases/a/b', false],
    ['*', 'busybox', true],
    ['*', 'library/busybox', false],
    ['**', 'library/busybox', true],
    ['public/**', 'publicity/x', false],
    ['a.b', 'axb', false],
    ['a.b', 'a.b', true],
    // Regexes are anchored at both ends.
    ['/rel.*/', 'releases/x', true],
    ['/eases/', 'releases', false],
    ['/(dev|ops)/.+/', 'ops/tool', true],
    // Placeholders: the asker's values, matched literally.
    ['users/${account}/**', 'users/alice/x', true],
    ['users/${account}/**', 'users/bob/x', false],
    ['groups/${group}/*', 'groups/ops/x', true],
    ['groups/${group}/*', 'groups/qa/x', false],
    ['${service}', 'registry.test', true],
    ['${service}', 'registryxtest', false],
    ['/users/${account}/.*/', 'users/alice/x', true],
  ])('should match %j against %j: %s', (pattern, value, expected) => {
    expect(matchesPattern(pattern, value, alice)).toBe(expected);
  });

  it('should never let a placeholder value act as a pattern', () => {
    const tricky = { account: '.*', service: 's', groups: ['**'] };
    expect(matchesPattern('users/${account}', 'users/anything', tricky)).toBe(false);
    expect(matchesPattern('users/${account}', 'users/.*', tricky)).toBe(true);
    expect(matchesPattern('/g/${group}/', 'g/x/y', tricky)).toBe(false);
    expect(matchesPattern('g/${group}', 'g/**', tricky)).toBe(true);
  });

  it('should match nothing with ${group} for an asker without groups', () => {
    expect(matchesPattern('groups/${group}/**', 'groups/dev/x', { ...alice, groups: [] })).toBe(false);
  });

  it('should match nothing with a malformed pattern', () => {
    expect(matchesPattern('/(/', '(', alice)).toBe(false);
  });
});

describe('patternProblem', () => {
  it.each([
    ['releases/**', undefined],
    ['/^ok$/', undefined],
    ['users/${account}', undefined],
    ['', 'is empty'],
    ['/(unclosed/', 'is not a valid regular expression'],
    ['users/${user}', 'unknown placeholder ${user}'],
    ['x'.repeat(513), 'longer than 512'],
  ])('should judge %j', (pattern, problem) => {
    if (problem === undefined) expect(patternProblem(pattern)).toBeUndefined();
    else expect(patternProblem(pattern)).toContain(problem);
  });
});

describe('globNeverMatches', () => {
  const repositoryChars = /[a-z0-9._/:-]/;
  it.each([
    ['apps/shop/**', undefined],
    ['Apps/**', '"A"'],
    ['apps shop', '" "'],
    ['/Anything/', undefined],
  ])('should judge %j', (pattern, problem) => {
    if (problem === undefined) expect(globNeverMatches(pattern, repositoryChars)).toBeUndefined();
    else expect(globNeverMatches(pattern, repositoryChars)).toContain(problem);
  });
});
