import { POLICY_ROWS, POLICY_WORLD, PolicyRow, WorldRegistryKey, resolveScope } from '../../testing/src/policy-table';
import {
  AccessGrant,
  CustomRule,
  PolicyContext,
  RegistryPolicy,
  decideAccess,
  intersectActions,
} from './access-decision';
import { ANONYMOUS, AppPolicy, Identity, Privilege, RobotPermission, UserIdentity } from './identity';
import { parseScopes } from './scope';

// The in-memory world of the rule-book table: ids as the table gives them.
const groupId = (name: string): number => POLICY_WORLD.groups.indexOf(name as never) + 1;
const apps: AppPolicy[] = Object.entries(POLICY_WORLD.apps).map(([name, app]) => ({
  id: app.id,
  name,
  responsibles: app.responsibles.map(groupId),
  publications: app.publications.map(groupId),
}));
const appNamed = (name: string): AppPolicy => apps.find((a) => a.name === name)!;
const users = POLICY_WORLD.users as Record<
  string,
  { id: number; groups: readonly string[]; privileges: readonly Privilege[]; admin?: boolean }
>;
const registries = POLICY_WORLD.registries as Record<
  WorldRegistryKey,
  {
    service: string;
    restricted: boolean;
    publications: readonly string[];
    responsibles: readonly string[];
    anonymousPull: readonly string[];
    fronted?: boolean;
  }
>;
const robots = POLICY_WORLD.robots as Record<
  string,
  { id: number; app: string; permissions: readonly RobotPermission[] }
>;
const services = POLICY_WORLD.services as Record<string, { id: number; app: string }>;
const tokens = POLICY_WORLD.tokens as Record<
  string,
  { user: string; readOnly: boolean; registries: readonly string[] | null }
>;

function identityOf(row: PolicyRow): Identity {
  if (row.who === '') return ANONYMOUS;
  if (row.who.startsWith('service/')) {
    const name = row.who.slice('service/'.length);
    return { kind: 'service', id: services[name]!.id, name, app: appNamed(services[name]!.app) };
  }
  if (row.who.startsWith('robot/')) {
    const name = row.who.slice('robot/'.length);
    const robot = robots[name]!;
    return { kind: 'robot', id: robot.id, name, app: appNamed(robot.app), permissions: robot.permissions };
  }
  const user = users[row.who]!;
  const identity: UserIdentity = {
    kind: 'user',
    id: user.id,
    name: row.who,
    isAdmin: user.admin === true,
    privileges: user.privileges,
    groups: user.groups.map((name) => ({ id: groupId(name), name })),
  };
  if (row.token === undefined) return identity;
  const token = tokens[row.token]!;
  return {
    ...identity,
    token: { id: row.token, name: row.token, readOnly: token.readOnly, registries: token.registries, expiresAt: null },
  };
}

function registryOf(key: WorldRegistryKey): RegistryPolicy {
  const r = registries[key];
  return { ...r, publications: r.publications.map(groupId), responsibles: r.responsibles.map(groupId) };
}

function contextOf(row: PolicyRow): PolicyContext {
  const rules: CustomRule[] = (row.rules ?? []).map((r, i) => ({
    id: i + 1,
    match: r.match,
    actions: r.actions,
    comment: r.comment ?? null,
  }));
  return {
    registry: registryOf(row.registry),
    apps: (ref) => apps.filter((a) => a.name === ref || String(a.id) === ref),
    rules,
    ...(row.ip === undefined ? {} : { clientIp: row.ip }),
  };
}

function decideRow(row: PolicyRow): AccessGrant {
  const scope = resolveScope(row.scope, { users: (n) => users[n]!.id, groups: groupId, apps: (n) => appNamed(n).id });
  return decideAccess(identityOf(row), contextOf(row), parseScopes([scope]))[0]!;
}

describe('decideAccess: the rule book, row by row', () => {
  it.each(POLICY_ROWS.map((row) => [row.title, row] as const))('%s', (_, row) => {
    const grant = decideRow(row);
    expect(grant.granted).toEqual(row.granted);
    expect(grant.clause).toMatch(row.clause);
  });
});

const frank = identityOf({ who: 'frank' } as PolicyRow) as UserIdentity;
const erin = identityOf({ who: 'erin' } as PolicyRow) as UserIdentity;
const root = identityOf({ who: 'root' } as PolicyRow) as UserIdentity;
const open = registryOf('open');

function context(registry: RegistryPolicy): PolicyContext {
  return { registry, apps: (ref) => apps.filter((a) => a.name === ref), rules: [] };
}

function decide(identity: Identity, registry: RegistryPolicy, scope: string): AccessGrant {
  return decideAccess(identity, context(registry), parseScopes([scope]))[0]!;
}

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
