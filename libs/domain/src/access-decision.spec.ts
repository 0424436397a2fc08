import {
  AccessGrant,
  CustomRule,
  PolicyContext,
  RegistryPolicy,
  decideAccess,
  intersectActions,
} from './access-decision';
import { ANONYMOUS, AppPolicy, Identity, Privilege, RobotIdentity, ServiceIdentity, UserIdentity } from './identity';
import { parseScopes } from './scope';

// The world of the table: groups, users, apps, a service, robots, two registries.
const DEV = { id: 1, name: 'dev' };
const OPS = { id: 2, name: 'ops' };
const QA = { id: 3, name: 'qa' };
const NUMERIC = { id: 4, name: '77' };
const ALL: Privilege[] = ['DockerRegistriesManager', 'DockerRegistriesPusher', 'DockerRegistriesPuller'];

const user = (
  id: number,
  name: string,
  groups: UserIdentity['groups'],
  privileges: Privilege[] = ALL,
): UserIdentity => ({
  kind: 'user',
  id,
  name,
  isAdmin: false,
  privileges,
  groups,
});

const alice = user(10, 'alice', [DEV]); // dev, every privilege
const bob = user(11, 'bob', [OPS], ['DockerRegistriesPuller']); // ops, pull only
const carol = user(12, 'carol', [DEV], []); // dev, no privilege
const dave = user(13, 'dave', [OPS]); // ops (registry responsible), every privilege
const erin = user(14, 'erin', [QA]); // qa: neither publication nor responsible
const frank = user(15, 'frank', [DEV], ['DockerRegistriesPuller']); // dev, pull only
const numeric = user(16, '10', [NUMERIC]); // a user whose name is another user's id
const root: UserIdentity = { ...user(1, 'root', []), isAdmin: true, privileges: [] };

const shop: AppPolicy = { id: 5, name: 'shop', responsibles: [DEV.id], publications: [OPS.id] };
const tools: AppPolicy = { id: 6, name: 'tools', responsibles: [OPS.id], publications: [QA.id] };
const apps = [shop, tools];

const web1: ServiceIdentity = { kind: 'service', id: 1, name: 'web1', app: shop };
const toolsSvc: ServiceIdentity = { kind: 'service', id: 2, name: 'tools1', app: tools };
const ciShop: RobotIdentity = {
  kind: 'robot',
  id: 1,
  name: 'ci-shop',
  app: shop,
  permissions: [{ repositories: 'apps/shop/**', actions: ['pull', 'push'] }],
};
const cleaner: RobotIdentity = {
  kind: 'robot',
  id: 2,
  name: 'cleaner',
  app: shop,
  permissions: [
    { repositories: 'apps/shop/**', actions: ['delete'] },
    { repositories: 'apps/shop/web', actions: ['push'] },
  ],
};
const wide: RobotIdentity = { ...ciShop, id: 3, name: 'wide', permissions: [{ repositories: '**', actions: ['*'] }] };

const open: RegistryPolicy = {
  service: 'registry.test',
  restricted: false,
  publications: [DEV.id, OPS.id],
  responsibles: [OPS.id],
  anonymousPull: ['public/**'],
};
const restricted: RegistryPolicy = { ...open, service: 'secure.test', restricted: true, anonymousPull: [] };

function context(registry: RegistryPolicy, rules: CustomRule[] = [], clientIp?: string): PolicyContext {
  return {
    registry,
    apps: (ref) => apps.filter((a) => a.name === ref || String(a.id) === ref),
    rules,
    ...(clientIp === undefined ? {} : { clientIp }),
  };
}

function decide(
  identity: Identity,
  registry: RegistryPolicy,
  scope: string,
  rules: CustomRule[] = [],
  ip?: string,
): AccessGrant {
  return decideAccess(identity, context(registry, rules, ip), parseScopes([scope]))[0]!;
}

type Row = [string, Identity, RegistryPolicy, string, string[], RegExp];

describe('decideAccess: the rule book, row by row', () => {
  const rows: Row[] = [
    // users/<user>/…
    [
      'users/: owner pulls and pushes (name)',
      alice,
      open,
      'repository:users/alice/app:pull,push',
      ['pull', 'push'],
      /users\/ path: alice's own/,
    ],
    [
      'users/: owner by numeric id',
      alice,
      open,
      'repository:users/10/app:pull,push',
      ['pull', 'push'],
      /own repository/,
    ],
    [
      'users/: an all-digit name matches by name too',
      numeric,
      open,
      'repository:users/10/app:pull',
      [],
      /publication group/,
    ],
    [
      'users/: another user is refused',
      bob,
      open,
      'repository:users/alice/app:pull',
      [],
      /belongs to another user than bob/,
    ],
    [
      'users/: puller without pusher cannot push',
      frank,
      open,
      'repository:users/frank/app:pull,push',
      ['pull'],
      /frank lacks DockerRegistriesPusher/,
    ],
    [
      'users/: no privilege, no pull',
      carol,
      open,
      'repository:users/carol/app:pull',
      [],
      /carol lacks DockerRegistriesPuller/,
    ],
    [
      'users/: unpublished registry refuses pull',
      erin,
      open,
      'repository:users/erin/app:pull',
      [],
      /no group of erin is a publication group/,
    ],
    [
      'users/: unpublished registry refuses push',
      erin,
      open,
      'repository:users/erin/app:push',
      [],
      /no group of erin is a publication group/,
    ],
    [
      'users/: restricted registry, publication is not enough to push',
      alice,
      restricted,
      'repository:users/alice/app:pull,push',
      ['pull'],
      /restricted and no group of alice is responsible/,
    ],
    [
      'users/: restricted registry, responsible pushes',
      dave,
      restricted,
      'repository:users/dave/app:push',
      ['push'],
      /responsible for restricted secure\.test/,
    ],
    [
      'users/: delete goes with push',
      alice,
      open,
      'repository:users/alice/app:delete',
      ['delete'],
      /delete goes with push/,
    ],
    ['users/: no delete without push', frank, open, 'repository:users/frank/app:delete', [], /delete goes with push/],
    ['users/: never for a service', web1, open, 'repository:users/alice/app:pull', [], /never for a service/],
    [
      'users/: never for a robot, whatever its permissions',
      wide,
      open,
      'repository:users/alice/app:pull',
      [],
      /never for a robot/,
    ],
    // groups/<group>/…
    [
      'groups/: member pulls and pushes (name)',
      alice,
      open,
      'repository:groups/dev/app:pull,push',
      ['pull', 'push'],
      /alice is a member of dev/,
    ],
    [
      'groups/: member by numeric id',
      alice,
      open,
      'repository:groups/1/app:pull,push',
      ['pull', 'push'],
      /member of dev/,
    ],
    [
      'groups/: all-digit group name',
      numeric,
      { ...open, publications: [NUMERIC.id] },
      'repository:groups/77/app:pull',
      ['pull'],
      /member of 77/,
    ],
    [
      'groups/: non-member is refused',
      bob,
      open,
      'repository:groups/dev/app:pull',
      [],
      /bob is not a member of group dev/,
    ],
    [
      'groups/: member without pusher',
      frank,
      open,
      'repository:groups/dev/app:pull,push',
      ['pull'],
      /lacks DockerRegistriesPusher/,
    ],
    [
      'groups/: restricted, publication member cannot push',
      alice,
      restricted,
      'repository:groups/dev/app:push',
      [],
      /restricted/,
    ],
    [
      'groups/: restricted, responsible member pushes',
      dave,
      restricted,
      'repository:groups/ops/app:push',
      ['push'],
      /responsible for restricted/,
    ],
    ['groups/: never for a service', web1, open, 'repository:groups/dev/app:pull', [], /never for a service/],
    ['groups/: never for a robot', wide, open, 'repository:groups/dev/app:pull', [], /never for a robot/],
    // apps/<app>/…
    [
      'apps/: publication member pulls',
      bob,
      open,
      'repository:apps/shop/web:pull',
      ['pull'],
      /app shop is published to ops/,
    ],
    ['apps/: app by numeric id', bob, open, 'repository:apps/5/web:pull', ['pull'], /app shop/],
    [
      'apps/: publication member without pusher cannot push',
      bob,
      open,
      'repository:apps/shop/web:push',
      [],
      /no group of bob is responsible for app shop/,
    ],
    [
      'apps/: responsible pushes, and push implies pull',
      alice,
      open,
      'repository:apps/shop/web:pull,push',
      ['pull', 'push'],
      /push implies pull/,
    ],
    [
      'apps/: responsible deletes where it pushes',
      alice,
      open,
      'repository:apps/shop/web:delete',
      ['delete'],
      /delete goes with push/,
    ],
    [
      'apps/: outsider is refused',
      erin,
      open,
      'repository:apps/shop/web:pull',
      [],
      /no group of erin is a publication group of app shop/,
    ],
    ['apps/: unknown app', alice, open, 'repository:apps/nope/web:pull', [], /there is no app nope/],
    [
      'apps/: responsible, restricted registry without responsibility',
      alice,
      restricted,
      'repository:apps/shop/web:push',
      [],
      /restricted/,
    ],
    [
      'apps/: responsible needs pub(U,R) to pull... through push',
      dave,
      open,
      'repository:apps/tools/x:pull,push',
      ['pull', 'push'],
      /ops responsible for app tools/,
    ],
    [
      'apps/: service of the app pulls',
      web1,
      open,
      'repository:apps/shop/web:pull',
      ['pull'],
      /service\/web1 belongs to app shop/,
    ],
    ['apps/: service by app id', web1, open, 'repository:apps/5/web:pull', ['pull'], /belongs to app shop/],
    ['apps/: service never pushes', web1, open, 'repository:apps/shop/web:push', [], /a service may only pull/],
    ['apps/: service never deletes', web1, open, 'repository:apps/shop/web:delete', [], /a service may only pull/],
    [
      'apps/: service of another app',
      toolsSvc,
      open,
      'repository:apps/shop/web:pull',
      [],
      /belongs to app tools, not shop/,
    ],
    [
      'apps/: robot pushes as listed, push implies pull',
      ciShop,
      open,
      'repository:apps/shop/web:pull,push',
      ['pull', 'push'],
      /permission apps\/shop\/\*\* allows push/,
    ],
    [
      'apps/: robot without delete in its list',
      ciShop,
      open,
      'repository:apps/shop/web:delete',
      [],
      /do not include delete/,
    ],
    [
      'apps/: robot with delete in its list',
      cleaner,
      open,
      'repository:apps/shop/old:delete',
      ['delete'],
      /allows delete/,
    ],
    [
      'apps/: robot permissions add up per repository',
      cleaner,
      open,
      'repository:apps/shop/web:pull,push,delete',
      ['pull', 'push', 'delete'],
      /allows push; push implies pull/,
    ],
    [
      'apps/: robot outside its patterns',
      ciShop,
      open,
      'repository:apps/tools/x:pull',
      [],
      /no permission covers apps\/tools\/x/,
    ],
    // any other path
    [
      'other: publication member with puller pulls',
      bob,
      open,
      'repository:library/busybox:pull',
      ['pull'],
      /outside users\/, groups\/ and apps\//,
    ],
    [
      'other: publication member cannot push without responsibility',
      alice,
      open,
      'repository:library/busybox:push',
      [],
      /no group of alice is responsible for registry\.test/,
    ],
    [
      'other: responsible pusher pushes and deletes',
      dave,
      open,
      'repository:library/busybox:pull,push,delete',
      ['pull', 'push', 'delete'],
      /responsible for registry\.test/,
    ],
    [
      'other: responsible without pusher',
      bob,
      { ...open, responsibles: [OPS.id] },
      'repository:busybox:push',
      [],
      /bob lacks DockerRegistriesPusher/,
    ],
    [
      'other: responsible pusher not in publications still pulls (push implies pull)',
      dave,
      { ...open, publications: [DEV.id] },
      'repository:global/x:pull',
      ['pull'],
      /push implies pull/,
    ],
    ['other: outsider', erin, open, 'repository:site/x:pull', [], /no group of erin is a publication group/],
    [
      'other: service whose app shares a publication group pulls',
      web1,
      open,
      'repository:library/busybox:pull',
      ['pull'],
      /shares a publication group/,
    ],
    [
      'other: service whose app shares none',
      toolsSvc,
      open,
      'repository:library/busybox:pull',
      [],
      /shares no publication group/,
    ],
    ['other: service never pushes', web1, open, 'repository:library/busybox:push', [], /may only pull/],
    [
      'other: robot created by an admin with a wide pattern',
      wide,
      open,
      'repository:library/busybox:pull,push,delete',
      ['pull', 'push', 'delete'],
      /permission \*\* allows/,
    ],
    ['other: robot outside its patterns', ciShop, open, 'repository:library/busybox:pull', [], /no permission covers/],
    // a requested '*' (skopeo delete) becomes the allowed concrete actions
    [
      '*: responsible gets pull, push, delete',
      dave,
      open,
      'repository:library/busybox:*',
      ['pull', 'push', 'delete'],
      /responsible/,
    ],
    ['*: puller gets pull only', bob, open, 'repository:library/busybox:*', ['pull'], /lacks DockerRegistriesPusher/],
    // catalog
    [
      'catalog: registry responsible',
      dave,
      open,
      'registry:catalog:*',
      ['*'],
      /dave is responsible for registry\.test/,
    ],
    [
      'catalog: publication member is refused',
      alice,
      open,
      'registry:catalog:*',
      [],
      /no group of alice is responsible/,
    ],
    ['catalog: service is refused', web1, open, 'registry:catalog:*', [], /only admins and responsibles/],
    ['catalog: robot is refused', wide, open, 'registry:catalog:*', [], /only admins and responsibles/],
    ['catalog: "pull" is no catalog action', dave, open, 'registry:catalog:pull', [], /not a catalog action/],
    [
      'catalog: search is for everyone',
      erin,
      open,
      'registry:catalog:search',
      ['search'],
      /results show only what they may pull/,
    ],
    ['catalog: anonymous search', ANONYMOUS, open, 'registry:catalog:search', ['search'], /everyone may search/],
    ['registry: other resources', dave, open, 'registry:config:*', [], /not a known resource/],
    ['unknown resource type', dave, open, 'thing:x:pull', [], /not a resource type/],
    // anonymous and public paths
    [
      'anonymous: public path pull',
      ANONYMOUS,
      open,
      'repository:public/tools/jq:pull',
      ['pull'],
      /lets everyone pull public\/\*\*/,
    ],
    [
      'anonymous: public path push',
      ANONYMOUS,
      open,
      'repository:public/tools/jq:pull,push',
      ['pull'],
      /anonymous: only the anonymousPull paths/,
    ],
    [
      'anonymous: other path',
      ANONYMOUS,
      open,
      'repository:library/busybox:pull',
      [],
      /anonymous: only the anonymousPull paths/,
    ],
    ['anonymous: no public paths on the registry', ANONYMOUS, restricted, 'repository:public/x:pull', [], /anonymous/],
    [
      'public: a user without privileges pulls a public path',
      carol,
      open,
      'repository:public/x:pull',
      ['pull'],
      /lets everyone pull/,
    ],
    [
      'public: a service pulls a public path',
      toolsSvc,
      open,
      'repository:public/x:pull',
      ['pull'],
      /lets everyone pull/,
    ],
    ['public: a robot pulls a public path', ciShop, open, 'repository:public/x:pull', ['pull'], /lets everyone pull/],
    // admin bypass
    [
      'admin: everything, even with no group or privilege',
      root,
      restricted,
      'repository:users/alice/app:pull,push,delete',
      ['pull', 'push', 'delete'],
      /admin: root bypasses every rule/,
    ],
    ['admin: a requested * stays *', root, open, 'repository:x:*', ['*'], /admin/],
    ['admin: catalog', root, open, 'registry:catalog:*', ['*'], /admin/],
  ];

  it.each(rows)('%s', (_, identity, registry, scope, granted, clause) => {
    const grant = decide(identity, registry, scope);
    expect(grant.granted).toEqual(granted);
    expect(grant.clause).toMatch(clause);
  });
});

describe('decideAccess: personal access tokens narrow, never widen', () => {
  const token = { id: 't1', name: 'laptop', readOnly: false, registries: null };
  it.each<[string, UserIdentity, string, string[], RegExp]>([
    [
      'a full token acts as its user',
      { ...alice, token },
      'repository:users/alice/x:pull,push',
      ['pull', 'push'],
      /own repository/,
    ],
    [
      'a read-only token pulls',
      { ...alice, token: { ...token, readOnly: true } },
      'repository:users/alice/x:pull,push,delete',
      ['pull'],
      /token laptop is read-only/,
    ],
    [
      'a read-only admin token pulls only',
      { ...root, token: { ...token, readOnly: true } },
      'repository:x:*',
      ['pull'],
      /read-only/,
    ],
    [
      'a token for other registries',
      { ...alice, token: { ...token, registries: ['other.test'] } },
      'repository:users/alice/x:pull',
      [],
      /not valid for registry\.test/,
    ],
    [
      'a token for this registry',
      { ...alice, token: { ...token, registries: ['registry.test'] } },
      'repository:users/alice/x:pull',
      ['pull'],
      /own repository/,
    ],
    [
      'a token cannot give more than its user has',
      { ...frank, token },
      'repository:users/frank/x:push',
      [],
      /lacks DockerRegistriesPusher/,
    ],
  ])('%s', (_, identity, scope, granted, clause) => {
    const grant = decide(identity, open, scope);
    expect(grant.granted).toEqual(granted);
    expect(grant.clause).toMatch(clause);
  });
});

describe('decideAccess: custom rules', () => {
  const rule = (id: number, match: CustomRule['match'], actions: string[], comment?: string): CustomRule => ({
    id,
    match,
    actions,
    comment: comment ?? null,
  });
  it.each<[string, Identity, string, CustomRule[], string[], RegExp, string?]>([
    [
      'a rule grants what the paths refuse',
      bob,
      'repository:releases/app:pull',
      [rule(1, { account: 'bob', name: 'releases/**' }, ['pull'], 'bob reads releases')],
      ['pull'],
      /rule #1 \(bob reads releases\) grants pull/,
    ],
    [
      'a rule grants only its actions',
      bob,
      'repository:releases/app:pull,push',
      [rule(1, { account: 'bob' }, ['pull'])],
      ['pull'],
      /rule #1 does not grant push/,
    ],
    [
      'an explicit deny stops the path policies',
      alice,
      'repository:users/alice/x:pull',
      [rule(2, { account: 'alice' }, [])],
      [],
      /rule #2 denies everything/,
    ],
    [
      'the first fitting rule decides',
      alice,
      'repository:x:pull',
      [rule(1, { account: 'bob' }, ['*']), rule(2, { kind: 'user' }, []), rule(3, {}, ['*'])],
      [],
      /rule #2/,
    ],
    [
      '"*" grants everything requested',
      erin,
      'repository:x:pull,push',
      [rule(4, { group: 'qa' }, ['*'])],
      ['pull', 'push'],
      /rule #4/,
    ],
    [
      '"*" keeps a requested "*"',
      erin,
      'repository:x:*',
      [rule(4, { group: 'qa' }, ['*'])],
      ['*'],
      /rule #4 grants everything/,
    ],
    [
      'no rule fits: the paths decide',
      bob,
      'repository:library/x:pull',
      [rule(1, { account: 'alice' }, [])],
      ['pull'],
      /other path/,
    ],
    ['kind matches', web1, 'repository:x:push', [rule(1, { kind: 'service' }, ['push'])], ['push'], /rule #1/],
    [
      'kind does not match',
      web1,
      'repository:library/x:pull',
      [rule(1, { kind: 'robot' }, [])],
      ['pull'],
      /shares a publication group/,
    ],
    [
      'service accounts by login name',
      web1,
      'repository:x:pull',
      [rule(1, { account: 'service/*' }, [])],
      [],
      /rule #1/,
    ],
    [
      'anonymous is the empty account',
      ANONYMOUS,
      'repository:x:pull',
      [rule(1, { account: '/^$/' }, ['pull'])],
      ['pull'],
      /rule #1/,
    ],
    [
      '${account} placeholder',
      bob,
      'repository:home/bob/x:push',
      [rule(1, { name: 'home/${account}/**' }, ['*'])],
      ['push'],
      /rule #1/,
    ],
    [
      '${account} placeholder, another home',
      bob,
      'repository:home/alice/x:push',
      [rule(1, { name: 'home/${account}/**' }, ['*'])],
      [],
      /other path/,
    ],
    [
      '${group} placeholder tries each group',
      alice,
      'repository:teams/dev/x:push',
      [rule(1, { name: 'teams/${group}/**' }, ['push'])],
      ['push'],
      /rule #1/,
    ],
    [
      '${service} placeholder',
      alice,
      'repository:mirror/registry.test/x:pull',
      [rule(1, { name: 'mirror/${service}/**' }, ['pull'])],
      ['pull'],
      /rule #1/,
    ],
    [
      'anchored regex',
      alice,
      'repository:xreleases:pull',
      [rule(1, { name: '/releases/' }, [])],
      ['pull'],
      /other path/,
    ],
    ['type registry', dave, 'registry:catalog:*', [rule(1, { type: 'registry' }, [])], [], /rule #1/],
    ['service pattern', alice, 'repository:x:pull', [rule(1, { service: '*.test' }, [])], [], /rule #1/],
    [
      'ip in range',
      alice,
      'repository:x:push',
      [rule(1, { ip: '10.0.0.0/8' }, ['push'])],
      ['push'],
      /rule #1/,
      '10.1.2.3',
    ],
    [
      'ip outside range',
      alice,
      'repository:library/x:pull',
      [rule(1, { ip: '10.0.0.0/8' }, [])],
      ['pull'],
      /other path/,
      '192.0.2.1',
    ],
    [
      'ip as an IPv4-mapped IPv6 address',
      alice,
      'repository:x:push',
      [rule(1, { ip: '127.0.0.1' }, ['push'])],
      ['push'],
      /rule #1/,
      '::ffff:127.0.0.1',
    ],
    ['admin bypasses even a deny rule', root, 'repository:x:pull', [rule(1, {}, [])], ['pull'], /admin/],
  ])('%s', (...row) => {
    // A rest parameter: jest would take a seventh named parameter for a `done` callback.
    const [, identity, scope, rules, granted, clause, ip] = row;
    const grant = decide(identity, open, scope, rules, ip);
    expect(grant.granted).toEqual(granted);
    expect(grant.clause).toMatch(clause);
  });
});

describe('decideAccess: each requested action has its own clause', () => {
  it('should explain pull and push separately', () => {
    const grant = decide(frank, open, 'repository:users/frank/app:pull,push');
    expect(grant.decisions).toEqual([
      { action: 'pull', granted: true, clause: expect.stringMatching(/^users\/ path: frank's own repository/) },
      { action: 'push', granted: false, clause: 'users/ path: frank lacks DockerRegistriesPusher' },
    ]);
  });

  it('should keep an entry with no actions for a denied scope', () => {
    const [grant] = decideAccess(erin, context(open), parseScopes(['repository:x:pull']));
    expect(grant).toMatchObject({ type: 'repository', name: 'x', requested: ['pull'], granted: [] });
  });

  it('should keep the plugin class', () => {
    const [grant] = decideAccess(root, context(open), parseScopes(['repository(plugin):a/b:pull']));
    expect(grant).toMatchObject({ type: 'repository', class: 'plugin', granted: ['pull'] });
  });
});

describe('intersectActions', () => {
  it.each([
    [['pull'], ['pull', 'push'], ['pull']],
    [['pull', 'push'], ['pull'], ['pull']],
    [['push'], [], []],
    [['pull', 'push'], ['*'], ['pull', 'push']],
    [['*'], ['*'], ['*']],
    [['*'], ['pull', 'delete'], ['pull', 'delete']],
    [['delete'], ['pull', 'push'], []],
  ])('should grant %j ∩ %j = %j', (requested, allowed, expected) => {
    expect(intersectActions(requested, allowed)).toEqual(expected);
  });
});
