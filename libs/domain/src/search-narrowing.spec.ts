import type { RegistryPolicy } from './access-decision';
import type { AppPolicy, Identity, UserIdentity } from './identity';
import { searchNarrowing, withinNarrowing } from './search-narrowing';

const registry: RegistryPolicy = {
  service: 'r.test',
  restricted: false,
  publications: [1],
  responsibles: [2],
  anonymousPull: [],
};
const apps: AppPolicy[] = [
  { id: 10, name: 'shop', publications: [1], responsibles: [] },
  { id: 11, name: 'blog', publications: [], responsibles: [2] },
  { id: 12, name: 'wiki', publications: [3], responsibles: [3] },
];
const alice: UserIdentity = {
  kind: 'user',
  id: 7,
  name: 'alice',
  isAdmin: false,
  privileges: ['DockerRegistriesPuller', 'DockerRegistriesPusher'],
  groups: [
    { id: 1, name: 'dev' },
    { id: 2, name: 'ops' },
  ],
};
const narrow = (identity: Identity, overrides: Partial<RegistryPolicy> = {}, rules = [] as const) =>
  searchNarrowing(identity, { ...registry, ...overrides }, rules, apps);

describe('searchNarrowing', () => {
  it("keeps a user to their own home, their groups' and the apps they read or run, by id or name", () => {
    expect(Object.fromEntries(narrow(alice))).toEqual({
      users: ['7', 'alice'],
      groups: ['1', 'dev', '2', 'ops'],
      // shop through a publication group, blog through a responsible group (push implies pull).
      apps: ['10', 'shop', '11', 'blog'],
    });
    const narrowing = narrow(alice);
    expect(withinNarrowing(narrowing, 'users/alice/tool')).toBe(true);
    expect(withinNarrowing(narrowing, 'users/bob/tool')).toBe(false);
    expect(withinNarrowing(narrowing, 'groups/2/tool')).toBe(true);
    expect(withinNarrowing(narrowing, 'apps/wiki/web')).toBe(false);
    expect(withinNarrowing(narrowing, 'library/redis')).toBe(true);
    expect(withinNarrowing(narrowing, 'users')).toBe(true);
  });

  it('narrows nothing for an admin, or when a rule of the asker grants anything', () => {
    expect(narrow({ ...alice, isAdmin: true }).size).toBe(0);
    expect(
      searchNarrowing(alice, registry, [{ id: 1, match: { name: 'users/**' }, actions: ['pull'] }], apps).size,
    ).toBe(0);
    // A deny rule only takes away.
    expect(searchNarrowing(alice, registry, [{ id: 1, match: {}, actions: [] }], apps).size).toBe(3);
  });

  it('leaves a namespace alone when a public pattern could reach into it', () => {
    expect([...narrow(alice, { anonymousPull: ['apps/shop/**'] }).keys()]).toEqual(['users', 'groups']);
    expect([...narrow(alice, { anonymousPull: ['library/*', 'public/**'] }).keys()]).toEqual([
      'users',
      'groups',
      'apps',
    ]);
    expect(narrow(alice, { anonymousPull: ['*/public/**'] }).size).toBe(0);
    expect(narrow(alice, { anonymousPull: ['/^users/.*$/'] }).size).toBe(0);
  });

  it('keeps a service to its app, a robot out of homes and groups, anonymous out of all three', () => {
    const service: Identity = { kind: 'service', id: 1, name: 'web1', app: apps[0]! };
    expect(Object.fromEntries(narrow(service))).toEqual({ users: [], groups: [], apps: ['10', 'shop'] });
    const robot: Identity = { kind: 'robot', id: 1, name: 'ci', app: apps[0]!, permissions: [] };
    expect(Object.fromEntries(narrow(robot))).toEqual({ users: [], groups: [] });
    expect(Object.fromEntries(narrow({ kind: 'anonymous' }))).toEqual({ users: [], groups: [], apps: [] });
  });
});
