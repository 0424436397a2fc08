import { linkOf } from './search-page';

describe('linkOf', () => {
  const ids = new Map([['registry.test', 7]]);
  const hit = (kind: string, name: string, registry: string | null = null, repository: string | null = null) => ({
    id: 3,
    kind,
    name,
    rank: 0,
    registry,
    repository,
  });

  it('should lead to the page of each kind of hit', () => {
    expect(linkOf(hit('registry', 'registry.test'), ids)).toEqual(['/registries', '3']);
    expect(linkOf(hit('repository', 'apps/shop/web', 'registry.test'), ids)).toEqual([
      '/registries',
      '7',
      'repositories',
      'apps/shop/web',
    ]);
    expect(linkOf(hit('tag', 'v1', 'registry.test', 'apps/shop/web'), ids)).toEqual([
      '/registries',
      '7',
      'repositories',
      'apps/shop/web',
      'tags',
      'v1',
    ]);
    expect(linkOf(hit('group', 'dev'), ids)).toEqual(['/groups']);
  });

  it('should give no link where the registry is unknown', () => {
    expect(linkOf(hit('repository', 'x', 'elsewhere.test'), ids)).toBeNull();
  });
});
