import { ScopeError, formatScope, isTagName, parseResourceScope, parseScopes } from './scope';

describe('parseResourceScope', () => {
  it.each([
    ['repository:samalba/my-app:pull,push', { type: 'repository', name: 'samalba/my-app', actions: ['pull', 'push'] }],
    ['repository:busybox:pull', { type: 'repository', name: 'busybox', actions: ['pull'] }],
    // The name may carry a host:port, so actions are what follows the last ':' (scope.md NOTE).
    [
      'repository:localhost:5000/users/alice/x:pull',
      { type: 'repository', name: 'localhost:5000/users/alice/x', actions: ['pull'] },
    ],
    [
      'repository:registry.example.com/a/b:push',
      { type: 'repository', name: 'registry.example.com/a/b', actions: ['push'] },
    ],
    [
      'repository(plugin):vieux/sshfs:pull',
      { type: 'repository', class: 'plugin', name: 'vieux/sshfs', actions: ['pull'] },
    ],
    ['registry:catalog:*', { type: 'registry', name: 'catalog', actions: ['*'] }],
    ['registry:catalog:search', { type: 'registry', name: 'catalog', actions: ['search'] }],
    ['repository:a/b:*', { type: 'repository', name: 'a/b', actions: ['*'] }],
    ['repository:a__b.c-d/e---f:pull', { type: 'repository', name: 'a__b.c-d/e---f', actions: ['pull'] }],
    // Duplicates collapse; empty actions (`[a-z]*` allows them) are dropped.
    ['repository:a:pull,pull,,push', { type: 'repository', name: 'a', actions: ['pull', 'push'] }],
    ['repository:a:', { type: 'repository', name: 'a', actions: [] }],
  ])('should parse %s', (text, expected) => {
    expect(parseResourceScope(text)).toEqual(expected);
  });

  it.each([
    ['', 'no separators'],
    ['repository', 'no separators'],
    ['repository:pull', 'one separator'],
    [':a:pull', 'empty type'],
    ['Repository:a:pull', 'upper-case type'],
    ['repository(:a:pull', 'unbalanced class'],
    ['repository:a/B:pull', 'upper-case path component'],
    ['repository:A:pull', 'upper-case single component'],
    ['repository:a//b:pull', 'empty path component'],
    ['repository:-a:pull', 'component starting with a separator'],
    ['repository:a/:pull', 'trailing slash'],
    ['repository:a:PULL', 'upper-case action'],
    ['repository:a:pu ll', 'space inside'],
    ['repository:a:pull;rm', 'bad action characters'],
    ['registry:cat/alog:*', 'slash in a registry resource'],
    [`repository:${'a'.repeat(256)}:pull`, 'name over 255 characters'],
    [`repository:a:${'x'.repeat(1100)}`, 'scope over 1024 characters'],
  ])('should reject %j (%s)', (text) => {
    expect(() => parseResourceScope(text)).toThrow(ScopeError);
  });
});

describe('parseScopes', () => {
  it('should split space-joined scopes and merge repeated ones', () => {
    expect(parseScopes(['repository:a:pull repository:b:pull', 'repository:a:push'])).toEqual([
      { type: 'repository', name: 'a', actions: ['pull', 'push'] },
      { type: 'repository', name: 'b', actions: ['pull'] },
    ]);
  });

  it('should keep plugin and plain repositories of the same name apart', () => {
    expect(parseScopes(['repository:a:pull', 'repository(plugin):a:pull'])).toHaveLength(2);
  });

  it('should return no scope for no or blank values', () => {
    expect(parseScopes([])).toEqual([]);
    expect(parseScopes(['', ' '])).toEqual([]);
  });

  it('should refuse more than 64 resources', () => {
    const many = Array.from({ length: 65 }, (_, i) => `repository:r${i}:pull`);
    expect(() => parseScopes(many)).toThrow(/more than 64/);
  });

  it('should round-trip through formatScope', () => {
    for (const text of ['repository(plugin):a/b:pull,push', 'registry:catalog:*']) {
      expect(formatScope(parseResourceScope(text))).toBe(text);
    }
  });
});

describe('isTagName', () => {
  it.each(['latest', 'v1.2.3', '1', '_x', 'a-b_c.d', 'x'.repeat(128)])('should accept %s', (tag) => {
    expect(isTagName(tag)).toBe(true);
  });

  it.each(['', '.hidden', '-x', 'a:b', 'a/b', 'sha256@x', 'x'.repeat(129), 'é'])('should refuse %j', (tag) => {
    expect(isTagName(tag)).toBe(false);
  });
});
