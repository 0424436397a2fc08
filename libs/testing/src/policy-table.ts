/**
 * The rule book of docs/access-policy.md as a table: a small world (groups, users, apps, services,
 * robots, registries, personal tokens) and one row per rule, allowed and refused. The unit test
 * decides every row in memory; an end-to-end test builds the same world in the database and checks
 * that the token endpoint and the explain endpoint both give each row's answer.
 *
 * Ids differ between the two worlds, so rows that name an object by id use `{user:alice}`,
 * `{group:dev}` or `{app:shop}`, which `resolveScope` fills in.
 */
import type { Privilege, RobotPermission } from '@portcullis/domain';

const ALL: Privilege[] = ['DockerRegistriesManager', 'DockerRegistriesPusher', 'DockerRegistriesPuller'];

export interface WorldUser {
  readonly groups: readonly string[];
  readonly privileges: readonly Privilege[];
  readonly admin?: boolean;
  /** The name's own id in the in-memory world. */
  readonly id: number;
}

export interface WorldRegistry {
  readonly service: string;
  readonly restricted: boolean;
  readonly publications: readonly string[];
  readonly responsibles: readonly string[];
  readonly anonymousPull: readonly string[];
  /** Behind the front Portcullis provisions (absent: not). */
  readonly fronted?: boolean;
}

export const POLICY_WORLD = {
  /** In creation order: their ids are 1, 2, 3, 4 in the in-memory world. */
  groups: ['dev', 'ops', 'qa', '77'],
  users: {
    alice: { id: 10, groups: ['dev'], privileges: ALL },
    bob: { id: 11, groups: ['ops'], privileges: ['DockerRegistriesPuller'] },
    carol: { id: 12, groups: ['dev'], privileges: [] },
    dave: { id: 13, groups: ['ops'], privileges: ALL },
    erin: { id: 14, groups: ['qa'], privileges: ALL },
    frank: { id: 15, groups: ['dev'], privileges: ['DockerRegistriesPuller'] },
    // A user whose name is another user's id in the in-memory world.
    '10': { id: 16, groups: ['77'], privileges: ALL },
    root: { id: 1, groups: [], privileges: [], admin: true },
  } satisfies Record<string, WorldUser>,
  apps: {
    shop: { id: 5, responsibles: ['dev'], publications: ['ops'] },
    tools: { id: 6, responsibles: ['ops'], publications: ['qa'] },
  },
  services: { web1: { id: 1, app: 'shop' }, tools1: { id: 2, app: 'tools' } },
  robots: {
    'ci-shop': { id: 1, app: 'shop', permissions: [{ repositories: 'apps/shop/**', actions: ['pull', 'push'] }] },
    cleaner: {
      id: 2,
      app: 'shop',
      permissions: [
        { repositories: 'apps/shop/**', actions: ['delete'] },
        { repositories: 'apps/shop/web', actions: ['push'] },
      ],
    },
    // Created by an admin: its pattern reaches outside apps/shop/.
    wide: { id: 3, app: 'shop', permissions: [{ repositories: '**', actions: ['*'] }] },
  } satisfies Record<string, { id: number; app: string; permissions: RobotPermission[] }>,
  registries: {
    open: {
      service: 'registry.test',
      restricted: false,
      publications: ['dev', 'ops'],
      responsibles: ['ops'],
      anonymousPull: ['public/**'],
    },
    restricted: {
      service: 'secure.test',
      restricted: true,
      publications: ['dev', 'ops'],
      responsibles: ['ops'],
      anonymousPull: [],
    },
    numeric: {
      service: 'numeric.test',
      restricted: false,
      publications: ['77'],
      responsibles: ['ops'],
      anonymousPull: [],
    },
    devonly: {
      service: 'devonly.test',
      restricted: false,
      publications: ['dev'],
      responsibles: ['ops'],
      anonymousPull: ['public/**'],
    },
    fronted: {
      service: 'front.test',
      restricted: false,
      publications: ['dev'],
      responsibles: ['ops'],
      anonymousPull: ['public/**'],
      fronted: true,
    },
  } satisfies Record<string, WorldRegistry>,
  /** Personal access tokens, by key. */
  tokens: {
    full: { user: 'alice', readOnly: false, registries: null },
    ro: { user: 'alice', readOnly: true, registries: null },
    'root-ro': { user: 'root', readOnly: true, registries: null },
    other: { user: 'alice', readOnly: false, registries: ['other.test'] },
    this: { user: 'alice', readOnly: false, registries: ['registry.test'] },
    'frank-full': { user: 'frank', readOnly: false, registries: null },
    'dave-ro': { user: 'dave', readOnly: true, registries: null },
  } satisfies Record<string, { user: string; readOnly: boolean; registries: string[] | null }>,
} as const;

export type WorldRegistryKey = keyof typeof POLICY_WORLD.registries;
export type WorldTokenKey = keyof typeof POLICY_WORLD.tokens;

export interface RuleSpec {
  readonly match: Record<string, string>;
  readonly actions: readonly string[];
  readonly comment?: string;
}

export interface PolicyRow {
  readonly title: string;
  /** Login name: `alice`, `service/web1`, `robot/ci-shop`, `` for anonymous. */
  readonly who: string;
  /** A personal access token of `who`, used instead of the password. */
  readonly token?: WorldTokenKey;
  readonly registry: WorldRegistryKey;
  readonly scope: string;
  /** Custom rules in force, in order (ids 1, 2, … in the in-memory world). */
  readonly rules?: readonly RuleSpec[];
  readonly ip?: string;
  readonly granted: readonly string[];
  /** The deciding clause (rule ids are those of the in-memory world). */
  readonly clause: RegExp;
}

const row = (
  title: string,
  who: string,
  registry: WorldRegistryKey,
  scope: string,
  granted: string[],
  clause: RegExp,
  extra: Partial<PolicyRow> = {},
): PolicyRow => ({ title, who, registry, scope, granted, clause, ...extra });

const rule = (match: Record<string, string>, actions: string[], comment?: string): RuleSpec => ({
  match,
  actions,
  ...(comment === undefined ? {} : { comment }),
});

export const POLICY_ROWS: readonly PolicyRow[] = [
  // users/<user>/…
  row(
    'users/: owner pulls and pushes (name)',
    'alice',
    'open',
    'repository:users/alice/app:pull,push',
    ['pull', 'push'],
    /users\/ path: alice's own/,
  ),
  row(
    'users/: owner by numeric id',
    'alice',
    'open',
    'repository:users/{user:alice}/app:pull,push',
    ['pull', 'push'],
    /own repository/,
  ),
  row(
    'users/: an all-digit name matches by name too',
    '10',
    'open',
    'repository:users/10/app:pull',
    [],
    /publication group/,
  ),
  row(
    'users/: another user is refused',
    'bob',
    'open',
    'repository:users/alice/app:pull',
    [],
    /belongs to another user than bob/,
  ),
  row(
    'users/: puller without pusher cannot push',
    'frank',
    'open',
    'repository:users/frank/app:pull,push',
    ['pull'],
    /frank lacks DockerRegistriesPusher/,
  ),
  row(
    'users/: no privilege, no pull',
    'carol',
    'open',
    'repository:users/carol/app:pull',
    [],
    /carol lacks DockerRegistriesPuller/,
  ),
  row(
    'users/: unpublished registry refuses pull',
    'erin',
    'open',
    'repository:users/erin/app:pull',
    [],
    /no group of erin is a publication group/,
  ),
  row(
    'users/: unpublished registry refuses push',
    'erin',
    'open',
    'repository:users/erin/app:push',
    [],
    /no group of erin is a publication group/,
  ),
  row(
    'users/: restricted, publication is not enough to push',
    'alice',
    'restricted',
    'repository:users/alice/app:pull,push',
    ['pull'],
    /restricted and no group of alice is responsible/,
  ),
  row(
    'users/: restricted, responsible pushes',
    'dave',
    'restricted',
    'repository:users/dave/app:push',
    ['push'],
    /responsible for restricted secure\.test/,
  ),
  row(
    'users/: delete goes with push',
    'alice',
    'open',
    'repository:users/alice/app:delete',
    ['delete'],
    /delete goes with push/,
  ),
  row(
    'users/: no delete without push',
    'frank',
    'open',
    'repository:users/frank/app:delete',
    [],
    /delete goes with push/,
  ),
  row(
    'users/: never for a service',
    'service/web1',
    'open',
    'repository:users/alice/app:pull',
    [],
    /never for a service/,
  ),
  row(
    'users/: never for a robot, whatever its permissions',
    'robot/wide',
    'open',
    'repository:users/alice/app:pull',
    [],
    /never for a robot/,
  ),
  // groups/<group>/…
  row(
    'groups/: member pulls and pushes (name)',
    'alice',
    'open',
    'repository:groups/dev/app:pull,push',
    ['pull', 'push'],
    /alice is a member of dev/,
  ),
  row(
    'groups/: member by numeric id',
    'alice',
    'open',
    'repository:groups/{group:dev}/app:pull,push',
    ['pull', 'push'],
    /member of dev/,
  ),
  row('groups/: all-digit group name', '10', 'numeric', 'repository:groups/77/app:pull', ['pull'], /member of 77/),
  row(
    'groups/: non-member is refused',
    'bob',
    'open',
    'repository:groups/dev/app:pull',
    [],
    /bob is not a member of group dev/,
  ),
  row(
    'groups/: member without pusher',
    'frank',
    'open',
    'repository:groups/dev/app:pull,push',
    ['pull'],
    /lacks DockerRegistriesPusher/,
  ),
  row(
    'groups/: restricted, publication member cannot push',
    'alice',
    'restricted',
    'repository:groups/dev/app:push',
    [],
    /restricted/,
  ),
  row(
    'groups/: restricted, responsible member pushes',
    'dave',
    'restricted',
    'repository:groups/ops/app:push',
    ['push'],
    /responsible for restricted/,
  ),
  row(
    'groups/: never for a service',
    'service/web1',
    'open',
    'repository:groups/dev/app:pull',
    [],
    /never for a service/,
  ),
  row('groups/: never for a robot', 'robot/wide', 'open', 'repository:groups/dev/app:pull', [], /never for a robot/),
  // apps/<app>/…
  row(
    'apps/: publication member pulls',
    'bob',
    'open',
    'repository:apps/shop/web:pull',
    ['pull'],
    /app shop is published to ops/,
  ),
  row('apps/: app by numeric id', 'bob', 'open', 'repository:apps/{app:shop}/web:pull', ['pull'], /app shop/),
  row(
    'apps/: publication member without responsibility cannot push',
    'bob',
    'open',
    'repository:apps/shop/web:push',
    [],
    /no group of bob is responsible for app shop/,
  ),
  row(
    'apps/: responsible pushes, and push implies pull',
    'alice',
    'open',
    'repository:apps/shop/web:pull,push',
    ['pull', 'push'],
    /push implies pull/,
  ),
  row(
    'apps/: responsible deletes where it pushes',
    'alice',
    'open',
    'repository:apps/shop/web:delete',
    ['delete'],
    /delete goes with push/,
  ),
  row(
    'apps/: outsider is refused',
    'erin',
    'open',
    'repository:apps/shop/web:pull',
    [],
    /no group of erin is a publication group of app shop/,
  ),
  row('apps/: unknown app', 'alice', 'open', 'repository:apps/nope/web:pull', [], /there is no app nope/),
  row(
    'apps/: responsible, restricted registry without responsibility',
    'alice',
    'restricted',
    'repository:apps/shop/web:push',
    [],
    /restricted/,
  ),
  row(
    'apps/: responsible of another app',
    'dave',
    'open',
    'repository:apps/tools/x:pull,push',
    ['pull', 'push'],
    /ops responsible for app tools/,
  ),
  row(
    'apps/: service of the app pulls',
    'service/web1',
    'open',
    'repository:apps/shop/web:pull',
    ['pull'],
    /service\/web1 belongs to app shop/,
  ),
  row(
    'apps/: service by app id',
    'service/web1',
    'open',
    'repository:apps/{app:shop}/web:pull',
    ['pull'],
    /belongs to app shop/,
  ),
  row(
    'apps/: service never pushes',
    'service/web1',
    'open',
    'repository:apps/shop/web:push',
    [],
    /a service may only pull/,
  ),
  row(
    'apps/: service never deletes',
    'service/web1',
    'open',
    'repository:apps/shop/web:delete',
    [],
    /a service may only pull/,
  ),
  row(
    'apps/: service of another app',
    'service/tools1',
    'open',
    'repository:apps/shop/web:pull',
    [],
    /belongs to app tools, not shop/,
  ),
  row(
    'apps/: robot pushes as listed, push implies pull',
    'robot/ci-shop',
    'open',
    'repository:apps/shop/web:pull,push',
    ['pull', 'push'],
    /permission apps\/shop\/\*\* allows push/,
  ),
  row(
    'apps/: robot without delete in its list',
    'robot/ci-shop',
    'open',
    'repository:apps/shop/web:delete',
    [],
    /do not include delete/,
  ),
  row(
    'apps/: robot with delete in its list',
    'robot/cleaner',
    'open',
    'repository:apps/shop/old:delete',
    ['delete'],
    /allows delete/,
  ),
  row(
    'apps/: robot permissions add up per repository',
    'robot/cleaner',
    'open',
    'repository:apps/shop/web:pull,push,delete',
    ['pull', 'push', 'delete'],
    /allows push; push implies pull/,
  ),
  row(
    'apps/: robot outside its patterns',
    'robot/ci-shop',
    'open',
    'repository:apps/tools/x:pull',
    [],
    /no permission covers apps\/tools\/x/,
  ),
  // any other path
  row(
    'other: publication member with puller pulls',
    'bob',
    'open',
    'repository:library/busybox:pull',
    ['pull'],
    /outside users\/, groups\/ and apps\//,
  ),
  row(
    'other: publication member cannot push without responsibility',
    'alice',
    'open',
    'repository:library/busybox:push',
    [],
    /no group of alice is responsible for registry\.test/,
  ),
  row(
    'other: responsible pusher pushes and deletes',
    'dave',
    'open',
    'repository:library/busybox:pull,push,delete',
    ['pull', 'push', 'delete'],
    /responsible for registry\.test/,
  ),
  row(
    'other: responsible without pusher',
    'bob',
    'open',
    'repository:busybox:push',
    [],
    /bob lacks DockerRegistriesPusher/,
  ),
  row(
    'other: responsible pusher outside the publications still pulls',
    'dave',
    'devonly',
    'repository:global/x:pull',
    ['pull'],
    /push implies pull/,
  ),
  row('other: outsider', 'erin', 'open', 'repository:site/x:pull', [], /no group of erin is a publication group/),
  row(
    'other: service whose app shares a publication group pulls',
    'service/web1',
    'open',
    'repository:library/busybox:pull',
    ['pull'],
    /shares a publication group/,
  ),
  row(
    'other: service whose app shares none',
    'service/tools1',
    'open',
    'repository:library/busybox:pull',
    [],
    /shares no publication group/,
  ),
  row('other: service never pushes', 'service/web1', 'open', 'repository:library/busybox:push', [], /may only pull/),
  row(
    'other: robot created by an admin with a wide pattern',
    'robot/wide',
    'open',
    'repository:library/busybox:pull,push,delete',
    ['pull', 'push', 'delete'],
    /permission \*\* allows/,
  ),
  row(
    'other: robot outside its patterns',
    'robot/ci-shop',
    'open',
    'repository:library/busybox:pull',
    [],
    /no permission covers/,
  ),
  // a requested '*' (skopeo delete) becomes the allowed concrete actions
  row(
    '*: responsible gets pull, push, delete',
    'dave',
    'open',
    'repository:library/busybox:*',
    ['pull', 'push', 'delete'],
    /responsible/,
  ),
  row(
    '*: puller gets pull only',
    'bob',
    'open',
    'repository:library/busybox:*',
    ['pull'],
    /lacks DockerRegistriesPusher/,
  ),
  // catalog
  row(
    'catalog: registry responsible',
    'dave',
    'open',
    'registry:catalog:*',
    ['*'],
    /dave is responsible for registry\.test/,
  ),
  row(
    'catalog: publication member is refused',
    'alice',
    'open',
    'registry:catalog:*',
    [],
    /no group of alice is responsible/,
  ),
  row('catalog: service is refused', 'service/web1', 'open', 'registry:catalog:*', [], /only admins and responsibles/),
  row('catalog: robot is refused', 'robot/wide', 'open', 'registry:catalog:*', [], /only admins and responsibles/),
  row('catalog: "pull" is no catalog action', 'dave', 'open', 'registry:catalog:pull', [], /not a catalog action/),
  row(
    'catalog: search is for everyone',
    'erin',
    'open',
    'registry:catalog:search',
    ['search'],
    /results show only what they may pull/,
  ),
  // a fronted registry: its catalog is filtered by Portcullis, so it is everyone's to ask for
  row(
    'catalog, fronted: publication member',
    'alice',
    'fronted',
    'registry:catalog:*',
    ['*'],
    /front\.test is fronted/,
  ),
  row('catalog, fronted: outsider', 'erin', 'fronted', 'registry:catalog:*', ['*'], /is fronted/),
  row('catalog, fronted: service', 'service/web1', 'fronted', 'registry:catalog:*', ['*'], /is fronted/),
  row('catalog, fronted: robot', 'robot/wide', 'fronted', 'registry:catalog:*', ['*'], /is fronted/),
  row('catalog, fronted: anonymous', '', 'fronted', 'registry:catalog:*', ['*'], /is fronted/),
  row(
    'catalog, fronted: a token for another registry',
    'alice',
    'fronted',
    'registry:catalog:*',
    [],
    /not valid for front\.test/,
    {
      token: 'other',
    },
  ),
  row('catalog, fronted: a read-only token lists it', 'alice', 'fronted', 'registry:catalog:*', ['*'], /is fronted/, {
    token: 'ro',
  }),
  row(
    'catalog: a read-only token of a responsible lists it',
    'dave',
    'open',
    'registry:catalog:*',
    ['*'],
    /responsible/,
    {
      token: 'dave-ro',
    },
  ),
  row(
    'catalog, fronted: a deny rule still decides first',
    'alice',
    'fronted',
    'registry:catalog:*',
    [],
    /rule #1 denies everything/,
    {
      rules: [rule({ type: 'registry', name: 'catalog' }, [])],
    },
  ),
  row(
    'catalog, fronted: "pull" is still no catalog action',
    'alice',
    'fronted',
    'registry:catalog:pull',
    [],
    /not a catalog action/,
  ),
  row('catalog: anonymous search', '', 'open', 'registry:catalog:search', ['search'], /everyone may search/),
  row('registry: other resources', 'dave', 'open', 'registry:config:*', [], /not a known resource/),
  row('unknown resource type', 'dave', 'open', 'thing:x:pull', [], /not a resource type/),
  // anonymous and public paths
  row(
    'anonymous: public path pull',
    '',
    'open',
    'repository:public/tools/jq:pull',
    ['pull'],
    /lets everyone pull public\/\*\*/,
  ),
  row(
    'anonymous: public path push',
    '',
    'open',
    'repository:public/tools/jq:pull,push',
    ['pull'],
    /anonymous: only the anonymousPull paths/,
  ),
  row(
    'anonymous: other path',
    '',
    'open',
    'repository:library/busybox:pull',
    [],
    /anonymous: only the anonymousPull paths/,
  ),
  row('anonymous: no public paths on the registry', '', 'restricted', 'repository:public/x:pull', [], /anonymous/),
  row(
    'public: a user without privileges pulls a public path',
    'carol',
    'open',
    'repository:public/x:pull',
    ['pull'],
    /lets everyone pull/,
  ),
  row(
    'public: a service pulls a public path',
    'service/tools1',
    'open',
    'repository:public/x:pull',
    ['pull'],
    /lets everyone pull/,
  ),
  row(
    'public: a robot pulls a public path',
    'robot/ci-shop',
    'open',
    'repository:public/x:pull',
    ['pull'],
    /lets everyone pull/,
  ),
  // admin bypass
  row(
    'admin: everything, even with no group or privilege',
    'root',
    'restricted',
    'repository:users/alice/app:pull,push,delete',
    ['pull', 'push', 'delete'],
    /admin: root bypasses every rule/,
  ),
  row('admin: a requested * stays *', 'root', 'open', 'repository:x:*', ['*'], /admin/),
  row('admin: catalog', 'root', 'open', 'registry:catalog:*', ['*'], /admin/),
  // personal access tokens narrow, never widen
  row(
    'token: a full token acts as its user',
    'alice',
    'open',
    'repository:users/alice/x:pull,push',
    ['pull', 'push'],
    /own repository/,
    { token: 'full' },
  ),
  row(
    'token: a read-only token pulls',
    'alice',
    'open',
    'repository:users/alice/x:pull,push,delete',
    ['pull'],
    /token ro is read-only/,
    { token: 'ro' },
  ),
  row('token: a read-only admin token pulls only', 'root', 'open', 'repository:x:*', ['pull'], /read-only/, {
    token: 'root-ro',
  }),
  row(
    'token: a token for other registries',
    'alice',
    'open',
    'repository:users/alice/x:pull',
    [],
    /not valid for registry\.test/,
    { token: 'other' },
  ),
  row(
    'token: a token for this registry',
    'alice',
    'open',
    'repository:users/alice/x:pull',
    ['pull'],
    /own repository/,
    { token: 'this' },
  ),
  row(
    'token: cannot give more than its user has',
    'frank',
    'open',
    'repository:users/frank/x:push',
    [],
    /lacks DockerRegistriesPusher/,
    { token: 'frank-full' },
  ),
  // custom rules
  row(
    'rule: grants what the paths refuse',
    'bob',
    'open',
    'repository:releases/app:pull',
    ['pull'],
    /rule #1 \(bob reads releases\) grants pull/,
    { rules: [rule({ account: 'bob', name: 'releases/**' }, ['pull'], 'bob reads releases')] },
  ),
  row(
    'rule: grants only its actions',
    'bob',
    'open',
    'repository:releases/app:pull,push',
    ['pull'],
    /rule #1 does not grant push/,
    { rules: [rule({ account: 'bob' }, ['pull'])] },
  ),
  row(
    'rule: an explicit deny stops the path policies',
    'alice',
    'open',
    'repository:users/alice/x:pull',
    [],
    /rule #1 denies everything/,
    { rules: [rule({ account: 'alice' }, [])] },
  ),
  row('rule: the first fitting rule decides', 'alice', 'open', 'repository:x:pull', [], /rule #2/, {
    rules: [rule({ account: 'bob' }, ['*']), rule({ kind: 'user' }, []), rule({}, ['*'])],
  }),
  row('rule: "*" grants everything requested', 'erin', 'open', 'repository:x:pull,push', ['pull', 'push'], /rule #1/, {
    rules: [rule({ group: 'qa' }, ['*'])],
  }),
  row('rule: "*" keeps a requested "*"', 'erin', 'open', 'repository:x:*', ['*'], /rule #1 grants everything/, {
    rules: [rule({ group: 'qa' }, ['*'])],
  }),
  row('rule: none fits, the paths decide', 'bob', 'open', 'repository:library/x:pull', ['pull'], /other path/, {
    rules: [rule({ account: 'alice' }, [])],
  }),
  row('rule: kind matches', 'service/web1', 'open', 'repository:x:push', ['push'], /rule #1/, {
    rules: [rule({ kind: 'service' }, ['push'])],
  }),
  row(
    'rule: kind does not match',
    'service/web1',
    'open',
    'repository:library/x:pull',
    ['pull'],
    /shares a publication group/,
    { rules: [rule({ kind: 'robot' }, [])] },
  ),
  row('rule: services by login name', 'service/web1', 'open', 'repository:x:pull', [], /rule #1/, {
    rules: [rule({ account: 'service/*' }, [])],
  }),
  row('rule: anonymous is the empty account', '', 'open', 'repository:x:pull', ['pull'], /rule #1/, {
    rules: [rule({ account: '/^$/' }, ['pull'])],
  }),
  row('rule: ${account} placeholder', 'bob', 'open', 'repository:home/bob/x:push', ['push'], /rule #1/, {
    rules: [rule({ name: 'home/${account}/**' }, ['*'])],
  }),
  row('rule: ${account} placeholder, another home', 'bob', 'open', 'repository:home/alice/x:push', [], /other path/, {
    rules: [rule({ name: 'home/${account}/**' }, ['*'])],
  }),
  row(
    'rule: ${group} placeholder tries each group',
    'alice',
    'open',
    'repository:teams/dev/x:push',
    ['push'],
    /rule #1/,
    { rules: [rule({ name: 'teams/${group}/**' }, ['push'])] },
  ),
  row('rule: ${service} placeholder', 'alice', 'open', 'repository:mirror/registry.test/x:pull', ['pull'], /rule #1/, {
    rules: [rule({ name: 'mirror/${service}/**' }, ['pull'])],
  }),
  row('rule: anchored regex', 'alice', 'open', 'repository:xreleases:pull', ['pull'], /other path/, {
    rules: [rule({ name: '/releases/' }, [])],
  }),
  row('rule: type registry', 'dave', 'open', 'registry:catalog:*', [], /rule #1/, {
    rules: [rule({ type: 'registry' }, [])],
  }),
  row('rule: service pattern', 'alice', 'open', 'repository:x:pull', [], /rule #1/, {
    rules: [rule({ service: '*.test' }, [])],
  }),
  row('rule: ip in range', 'alice', 'open', 'repository:x:push', ['push'], /rule #1/, {
    rules: [rule({ ip: '10.0.0.0/8' }, ['push'])],
    ip: '10.1.2.3',
  }),
  row('rule: ip outside range', 'alice', 'open', 'repository:library/x:pull', ['pull'], /other path/, {
    rules: [rule({ ip: '10.0.0.0/8' }, [])],
    ip: '192.0.2.1',
  }),
  row('rule: ip as an IPv4-mapped IPv6 address', 'alice', 'open', 'repository:x:push', ['push'], /rule #1/, {
    rules: [rule({ ip: '127.0.0.1' }, ['push'])],
    ip: '::ffff:127.0.0.1',
  }),
  row('rule: admin bypasses even a deny rule', 'root', 'open', 'repository:x:pull', ['pull'], /admin/, {
    rules: [rule({}, [])],
  }),
];

/** Fills `{user:alice}`, `{group:dev}` and `{app:shop}` with ids. */
export function resolveScope(
  scope: string,
  ids: { users: (name: string) => number; groups: (name: string) => number; apps: (name: string) => number },
): string {
  return scope.replace(/\{(user|group|app):([^}]+)\}/g, (_, kind: string, name: string) =>
    String(kind === 'user' ? ids.users(name) : kind === 'group' ? ids.groups(name) : ids.apps(name)),
  );
}
