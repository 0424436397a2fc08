import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  notificationAuthorizationOf,
  notify,
  pushEvent,
  startPortcullis,
} from '@portcullis/testing';

/**
 * Every operation of the committed OpenAPI document, called as each role, against who may call it.
 * The operations come from the spec, so a new route without an entry below fails this test.
 * "Allowed" means neither 401 nor 403: the call may still be a 404 or a 409 about its data.
 */

const ROLES = [
  'anonymous',
  'service',
  'robot',
  'puller',
  'pusher',
  'token',
  'manager',
  'responsible',
  'admin',
  // Personal access tokens narrower than their users: none may reach beyond its scopes.
  'registry-token', // the responsible's, limited to matrix.test and expiring
  'expiring-token', // the admin's, expiring
  'read-only-token', // the admin's, read-only
] as const;
type Role = (typeof ROLES)[number];

/** Who may call an operation. */
type Access =
  | 'public' // everyone, signed in or not
  | 'signed-in' // any user, session or personal token
  | 'person' // a user signed in to the console (a session), never a personal token
  | 'admin'
  | 'manager' // DockerRegistriesManager (or admin)
  | 'responsible' // a responsible of the registry or app concerned (or admin)
  | 'responsible-or-404' // as responsible, and to other signed-in users the object does not exist
  | { all: number }; // a fixed answer for everyone, whoever asks

/**
 * How far a personal access token reaches on an operation (the route's TokenScope): `any` within
 * its limits; `global` not with a registry limit; `credentials` not with any limit; `person` never;
 * `registry` / `other-registry` the fixture registry matrix.test or another one; `own-token` a
 * limited token on itself only. Public operations have none.
 */
type PatScope = 'any' | 'global' | 'credentials' | 'person' | 'registry' | 'other-registry' | 'own-token';

interface Fixtures {
  registry: number;
  throwawayRegistry: number;
  group: number;
  throwawayGroup: number;
  app: number;
  throwawayApp: number;
  user: number;
  throwawayUser: number;
  service: number;
  throwawayService: number;
  robot: number;
  throwawayRobot: number;
  rule: number;
  throwawayRule: number;
}

interface Call {
  path: string;
  body?: unknown;
}

const REPOSITORY = encodeURIComponent('library/tool');
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

/** For each operationId: who may call it, and a request that is valid for an allowed caller. */
const OPERATIONS: Record<string, { access: Access; pat?: PatScope; call: (f: Fixtures, login: string) => Call }> = {
  getJwks: { access: 'public', call: () => ({ path: '/.well-known/jwks.json' }) },
  getTokenCertificates: { access: 'public', call: () => ({ path: '/token/certs' }) },
  getToken: { access: 'public', call: () => ({ path: '/token?service=matrix.test&scope=repository:public/x:pull' }) },
  postToken: {
    access: { all: 401 },
    call: () => ({ path: '/token', body: 'grant_type=refresh_token&refresh_token=pcr_nope&service=matrix.test' }),
  },
  receiveRegistryEvents: { access: { all: 401 }, call: () => ({ path: '/registry/events', body: { events: [] } }) },
  getHealth: { access: 'public', call: () => ({ path: '/api/v1/health' }) },
  getLiveness: { access: 'public', call: () => ({ path: '/health/live' }) },
  getReadiness: { access: 'public', call: () => ({ path: '/health/ready' }) },
  getMetrics: { access: 'public', call: () => ({ path: '/metrics' }) },
  login: {
    access: 'public',
    call: () => ({ path: '/api/v1/auth/login', body: { username: 'admin', password: TEST_ADMIN_PASSWORD } }),
  },
  register: {
    access: { all: 403 },
    call: () => ({ path: '/api/v1/auth/register', body: { name: 'newcomer', password: 'newcomer-password' } }),
  },
  refreshSession: {
    access: { all: 401 },
    call: () => ({ path: '/api/v1/auth/refresh', body: { refreshToken: 'pcs_nope' } }),
  },
  logout: { access: 'public', call: () => ({ path: '/api/v1/auth/logout', body: { refreshToken: 'pcs_nope' } }) },

  listAccessTokens: { access: 'signed-in', pat: 'credentials', call: () => ({ path: '/api/v1/access-tokens' }) },
  createAccessToken: {
    access: 'signed-in',
    pat: 'credentials',
    call: () => ({ path: '/api/v1/access-tokens', body: { name: 'matrix' } }),
  },
  revokeAccessToken: {
    access: 'signed-in',
    pat: 'own-token',
    call: () => ({ path: `/api/v1/access-tokens/${UNKNOWN_UUID}` }),
  },
  rotateAccessToken: {
    access: 'signed-in',
    pat: 'credentials',
    call: () => ({ path: `/api/v1/access-tokens/${UNKNOWN_UUID}/rotate` }),
  },
  listRefreshTokens: { access: 'signed-in', pat: 'credentials', call: () => ({ path: '/api/v1/refresh-tokens' }) },
  revokeRefreshToken: {
    access: 'signed-in',
    pat: 'credentials',
    call: () => ({ path: `/api/v1/refresh-tokens/${UNKNOWN_UUID}` }),
  },
  getMe: { access: 'signed-in', pat: 'any', call: () => ({ path: '/api/v1/auth/me' }) },
  signInOptions: { access: 'public', call: () => ({ path: '/api/v1/auth/options' }) },
  startOidcSignIn: { access: 'public', call: () => ({ path: '/api/v1/auth/oidc/start' }) },
  finishOidcSignIn: { access: 'public', call: () => ({ path: '/api/v1/auth/oidc/callback?code=x&state=y' }) },
  getTwoFactor: { access: 'signed-in', pat: 'any', call: () => ({ path: '/api/v1/auth/two-factor' }) },
  // A pending secret changes nothing until confirmed.
  enrolTwoFactor: { access: 'person', pat: 'person', call: () => ({ path: '/api/v1/auth/two-factor/enrol' }) },
  // Malformed codes: refused (400) before anything changes, after the guard let the person in.
  confirmTwoFactor: {
    access: 'person',
    pat: 'person',
    call: () => ({ path: '/api/v1/auth/two-factor/confirm', body: { code: '1' } }),
  },
  disableTwoFactor: {
    access: 'person',
    pat: 'person',
    call: () => ({ path: '/api/v1/auth/two-factor/disable', body: { code: '1' } }),
  },
  resetTwoFactor: {
    access: 'admin',
    pat: 'credentials',
    call: () => ({ path: '/api/v1/auth/two-factor/users/999999' }),
  },
  getSignInSettings: { access: 'admin', pat: 'global', call: () => ({ path: '/api/v1/auth/two-factor/settings' }) },
  setSignInSettings: {
    access: 'admin',
    pat: 'global',
    call: () => ({ path: '/api/v1/auth/two-factor/settings', body: { twoFactorRequired: false } }),
  },
  getJob: { access: 'signed-in', pat: 'any', call: () => ({ path: `/api/v1/jobs/${UNKNOWN_UUID}` }) },
  explainAccess: {
    access: 'signed-in',
    pat: 'global',
    call: (_, login) => ({
      path: '/api/v1/access/explain',
      body: { account: login, service: 'matrix.test', scope: ['repository:library/tool:pull'] },
    }),
  },
  searchEverything: { access: 'signed-in', pat: 'any', call: () => ({ path: '/api/v1/search?q=tool' }) },
  findImageUsage: {
    access: 'signed-in',
    pat: 'any',
    call: () => ({ path: `/api/v1/usage?digest=sha256:${'a'.repeat(64)}` }),
  },
  reportImageUsage: {
    access: 'signed-in',
    pat: 'global',
    call: () => ({ path: '/api/v1/usage', body: { kind: 'node', reporter: 'node1', images: [] } }),
  },

  listUsers: { access: 'admin', pat: 'global', call: () => ({ path: '/api/v1/users' }) },
  createUser: {
    access: 'admin',
    pat: 'credentials',
    call: () => ({ path: '/api/v1/users', body: { name: 'matrix-user', password: 'matrix-password' } }),
  },
  getUser: { access: 'admin', pat: 'global', call: (f) => ({ path: `/api/v1/users/${f.user}` }) },
  updateUser: {
    access: 'admin',
    pat: 'credentials',
    call: (f) => ({ path: `/api/v1/users/${f.user}`, body: { email: 'puller@example.com' } }),
  },
  deleteUser: { access: 'admin', pat: 'global', call: (f) => ({ path: `/api/v1/users/${f.throwawayUser}` }) },

  listGroups: { access: 'signed-in', pat: 'global', call: () => ({ path: '/api/v1/groups' }) },
  getGroup: { access: 'signed-in', pat: 'global', call: (f) => ({ path: `/api/v1/groups/${f.group}` }) },
  createGroup: {
    access: 'admin',
    pat: 'global',
    call: () => ({ path: '/api/v1/groups', body: { name: 'matrix-group' } }),
  },
  renameGroup: {
    access: 'admin',
    pat: 'global',
    call: (f) => ({ path: `/api/v1/groups/${f.throwawayGroup}`, body: { name: 'renamed' } }),
  },
  deleteGroup: { access: 'admin', pat: 'global', call: (f) => ({ path: `/api/v1/groups/${f.throwawayGroup}` }) },

  listApps: { access: 'signed-in', pat: 'global', call: () => ({ path: '/api/v1/apps' }) },
  getApp: { access: 'signed-in', pat: 'global', call: (f) => ({ path: `/api/v1/apps/${f.app}` }) },
  createApp: { access: 'admin', pat: 'global', call: () => ({ path: '/api/v1/apps', body: { name: 'matrix-app' } }) },
  updateApp: {
    access: 'admin',
    pat: 'global',
    call: (f) => ({ path: `/api/v1/apps/${f.throwawayApp}`, body: { publications: ['readers'] } }),
  },
  deleteApp: { access: 'admin', pat: 'global', call: (f) => ({ path: `/api/v1/apps/${f.throwawayApp}` }) },

  listServices: { access: 'signed-in', pat: 'global', call: () => ({ path: '/api/v1/services' }) },
  getService: { access: 'responsible-or-404', pat: 'global', call: (f) => ({ path: `/api/v1/services/${f.service}` }) },
  createService: {
    access: 'responsible',
    pat: 'credentials',
    call: () => ({ path: '/api/v1/services', body: { name: 'matrix-svc', app: 'shop' } }),
  },
  rotateServiceSecret: {
    access: 'responsible',
    pat: 'credentials',
    call: (f) => ({ path: `/api/v1/services/${f.throwawayService}/rotate` }),
  },
  revokeService: {
    access: 'responsible',
    pat: 'global',
    call: (f) => ({ path: `/api/v1/services/${f.throwawayService}/revoke` }),
  },
  deleteService: {
    access: 'responsible',
    pat: 'global',
    call: (f) => ({ path: `/api/v1/services/${f.throwawayService}` }),
  },

  listRobots: { access: 'signed-in', pat: 'global', call: () => ({ path: '/api/v1/robots' }) },
  getRobot: { access: 'responsible-or-404', pat: 'global', call: (f) => ({ path: `/api/v1/robots/${f.robot}` }) },
  createRobot: {
    access: 'responsible',
    pat: 'credentials',
    call: () => ({
      path: '/api/v1/robots',
      body: { name: 'matrix-bot', app: 'shop', permissions: [{ repositories: 'apps/shop/**', actions: ['pull'] }] },
    }),
  },
  updateRobot: {
    access: 'responsible',
    pat: 'credentials',
    call: (f) => ({ path: `/api/v1/robots/${f.robot}`, body: { expiresAt: null } }),
  },
  rotateRobotSecret: {
    access: 'responsible',
    pat: 'credentials',
    call: (f) => ({ path: `/api/v1/robots/${f.throwawayRobot}/rotate` }),
  },
  revokeRobot: {
    access: 'responsible',
    pat: 'global',
    call: (f) => ({ path: `/api/v1/robots/${f.throwawayRobot}/revoke` }),
  },
  deleteRobot: { access: 'responsible', pat: 'global', call: (f) => ({ path: `/api/v1/robots/${f.throwawayRobot}` }) },

  listRules: { access: 'admin', pat: 'global', call: () => ({ path: '/api/v1/rules' }) },
  getRule: { access: 'admin', pat: 'global', call: (f) => ({ path: `/api/v1/rules/${f.rule}` }) },
  createRule: {
    access: 'admin',
    pat: 'global',
    call: () => ({ path: '/api/v1/rules', body: { match: { account: 'nobody' }, actions: [] } }),
  },
  updateRule: {
    access: 'admin',
    pat: 'global',
    call: (f) => ({ path: `/api/v1/rules/${f.rule}`, body: { comment: 'updated' } }),
  },
  reorderRules: { access: 'admin', pat: 'global', call: () => ({ path: '/api/v1/rules/order', body: { ids: [] } }) },
  deleteRule: { access: 'admin', pat: 'global', call: (f) => ({ path: `/api/v1/rules/${f.throwawayRule}` }) },

  listAuditEvents: { access: 'admin', pat: 'global', call: () => ({ path: '/api/v1/audit?limit=5' }) },
  applyConfig: {
    access: 'admin',
    pat: 'credentials',
    call: () => ({ path: '/api/v1/config/apply', body: { yaml: 'groups: [{ name: applied }]' } }),
  },
  importHtpasswd: {
    access: 'admin',
    pat: 'credentials',
    call: () => ({ path: '/api/v1/config/import/htpasswd', body: { htpasswd: '' } }),
  },
  importDockerAuth: {
    access: 'admin',
    pat: 'credentials',
    call: () => ({ path: '/api/v1/config/import/docker-auth', body: { yaml: 'acl: []' } }),
  },

  listRegistries: { access: 'signed-in', pat: 'any', call: () => ({ path: '/api/v1/registries' }) },
  getRegistry: { access: 'signed-in', pat: 'registry', call: (f) => ({ path: `/api/v1/registries/${f.registry}` }) },
  createRegistry: {
    access: 'manager',
    pat: 'global',
    call: () => ({ path: '/api/v1/registries', body: { service: 'created.test', url: 'http://127.0.0.1:9' } }),
  },
  updateRegistry: {
    access: 'responsible',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}`, body: { insecure: true } }),
  },
  deleteRegistry: {
    access: 'responsible',
    pat: 'other-registry',
    call: (f) => ({ path: `/api/v1/registries/${f.throwawayRegistry}` }),
  },
  approveRegistryEndpoint: {
    access: 'admin',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/approve-endpoint` }),
  },
  getRegistryConfig: {
    access: 'responsible',
    pat: 'credentials',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/config` }),
  },
  provisionRegistry: {
    access: 'responsible',
    pat: 'credentials',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/provision` }),
  },
  rotateNotificationSecret: {
    access: 'responsible',
    pat: 'credentials',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/config/rotate-notification-secret` }),
  },
  getRegistryActivity: {
    access: 'responsible',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/activity` }),
  },
  discoverRegistry: {
    access: 'responsible',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/discover` }),
  },
  listRepositories: {
    access: 'signed-in',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/repositories` }),
  },
  getRepository: {
    access: 'signed-in',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/repositories/${REPOSITORY}` }),
  },
  updateRepository: {
    access: 'responsible',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/repositories/${REPOSITORY}`, body: { description: 'x' } }),
  },
  starRepository: {
    access: 'signed-in',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/repositories/${REPOSITORY}/star` }),
  },
  unstarRepository: {
    access: 'signed-in',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/repositories/${REPOSITORY}/star` }),
  },
  getTag: {
    access: 'signed-in',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/repositories/${REPOSITORY}/tags/v1` }),
  },
  deleteTag: {
    access: 'responsible',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/repositories/${REPOSITORY}/tags/v1` }),
  },
  deleteRepository: {
    access: 'responsible',
    pat: 'registry',
    call: (f) => ({ path: `/api/v1/registries/${f.registry}/repositories/${REPOSITORY}` }),
  },
};

/** The user a personal access token role belongs to. */
const TOKEN_OWNER: Partial<Record<Role, Role>> = {
  token: 'pusher',
  'registry-token': 'responsible',
  'expiring-token': 'admin',
  'read-only-token': 'admin',
};

function expectation(access: Access, role: Role, method: string, pat: PatScope | undefined): 'allowed' | number {
  if (typeof access === 'object') return access.all;
  if (access === 'public') return 'allowed';
  // Services and robots sign in to registries, not to the API.
  if (role === 'anonymous' || role === 'service' || role === 'robot') return 401;
  const owner = TOKEN_OWNER[role];
  if (owner !== undefined) {
    if (pat === undefined) throw new Error('an operation for signed-in callers needs its pat scope');
    const limited = role !== 'token';
    const refused =
      pat === 'person' ||
      (role === 'read-only-token' && !['GET', 'HEAD'].includes(method)) ||
      (limited && (pat === 'credentials' || pat === 'own-token')) ||
      (role === 'registry-token' && (pat === 'global' || pat === 'other-registry'));
    return refused ? 403 : expectation(access, owner, method, pat);
  }
  switch (access) {
    case 'signed-in':
      return 'allowed';
    case 'person':
      return 'allowed';
    case 'admin':
      return role === 'admin' ? 'allowed' : 403;
    case 'manager':
      return role === 'admin' || role === 'manager' ? 'allowed' : 403;
    case 'responsible':
      return role === 'admin' || role === 'responsible' ? 'allowed' : 403;
    case 'responsible-or-404':
      return role === 'admin' || role === 'responsible' ? 'allowed' : 404;
  }
}

interface Operation {
  id: string;
  method: string;
  path: string;
  security: unknown;
}

const spec = JSON.parse(readFileSync(join(__dirname, '../openapi/portcullis.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; security?: unknown }>>;
};
const operations: Operation[] = Object.entries(spec.paths)
  .flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, o]) => ({
      id: o.operationId,
      method: method.toUpperCase(),
      path,
      security: o.security,
    })),
  )
  // Deletions last (registry-wide ones at the very end), so the objects others need still exist.
  .sort(
    (a, b) =>
      Number(a.method === 'DELETE') - Number(b.method === 'DELETE') ||
      Number(a.id === 'deleteRegistry') - Number(b.id === 'deleteRegistry'),
  );

describe('Role matrix over every operation of the spec', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let fixtures: Fixtures;
  const headers = new Map<Role, Record<string, string>>();
  const logins: Record<Role, string> = {
    anonymous: '',
    service: 'service/web1',
    robot: 'robot/ci',
    puller: 'puller',
    pusher: 'pusher',
    token: 'pusher',
    'registry-token': 'responsible',
    'expiring-token': 'admin',
    'read-only-token': 'admin',
    manager: 'manager',
    responsible: 'responsible',
    admin: 'admin',
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const yaml = `
groups: [{ name: readers }, { name: ops }, { name: dev }, { name: throwaway }]
users:
  - { name: puller, password: puller-password, groups: [readers], privileges: [DockerRegistriesPuller] }
  - { name: pusher, password: pusher-password, groups: [readers], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: manager, password: manager-password, groups: [readers], privileges: [DockerRegistriesPuller, DockerRegistriesManager] }
  - { name: responsible, password: responsible-password, groups: [ops, dev], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: throwaway-user, password: throwaway-password }
apps:
  - { name: shop, responsibles: [dev], publications: [readers] }
  - { name: throwaway-app }
registries:
  - { service: matrix.test, url: "http://127.0.0.1:9", publications: [readers], responsibles: [ops], anonymousPull: ["public/**"] }
  - { service: throwaway.test, url: "http://127.0.0.1:9", responsibles: [ops] }
services:
  - { name: web1, app: shop, secret: web1-secret }
  - { name: throwaway-svc, app: shop, secret: throwaway-secret }
robots:
  - { name: ci, app: shop, secret: ci-secret, permissions: [{ repositories: "apps/shop/**", actions: [pull, push] }] }
  - { name: throwaway-bot, app: shop, secret: throwaway-secret, permissions: [{ repositories: "apps/shop/**", actions: [pull] }] }
`;
    expect(
      (
        await fetch(`${portcullis.url}/api/v1/config/apply`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ yaml }),
        })
      ).status,
    ).toBe(200);
    const get = async <T>(path: string) =>
      (await (await fetch(`${portcullis.url}/api/v1${path}`, { headers: admin })).json()) as T;
    const byName = async (path: string, name: string, key = 'name') =>
      (await get<{ items: Record<string, unknown>[] }>(`${path}?q=${name}`)).items.find((x) => x[key] === name)!
        .id as number;
    const rule = async (comment: string) =>
      (
        (await (
          await fetch(`${portcullis.url}/api/v1/rules`, {
            method: 'POST',
            headers: admin,
            body: JSON.stringify({ match: { account: 'nobody' }, actions: [], comment }),
          })
        ).json()) as { id: number }
      ).id;
    fixtures = {
      registry: await byName('/registries', 'matrix.test', 'service'),
      throwawayRegistry: await byName('/registries', 'throwaway.test', 'service'),
      group: await byName('/groups', 'readers'),
      throwawayGroup: await byName('/groups', 'throwaway'),
      app: await byName('/apps', 'shop'),
      throwawayApp: await byName('/apps', 'throwaway-app'),
      user: await byName('/users', 'puller'),
      throwawayUser: await byName('/users', 'throwaway-user'),
      service: await byName('/services', 'web1'),
      throwawayService: await byName('/services', 'throwaway-svc'),
      robot: await byName('/robots', 'ci'),
      throwawayRobot: await byName('/robots', 'throwaway-bot'),
      rule: await rule('kept'),
      throwawayRule: await rule('throwaway'),
    };
    // A repository in the catalog, as the registry's notification would put it there.
    const { configYml } = await get<{ configYml: string }>(`/registries/${fixtures.registry}/config`);
    const secret = notificationAuthorizationOf(configYml);
    await notify(portcullis.url, secret, [pushEvent('matrix-1', 'library/tool', 'v1', `sha256:${'1'.repeat(64)}`)]);

    for (const role of ['puller', 'pusher', 'manager', 'responsible'] as const)
      headers.set(role, await portcullis.apiHeaders(role, `${role}-password`));
    headers.set('admin', admin);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const pat = async (owner: Role, body: Record<string, unknown>) => {
      const created = (await (
        await fetch(`${portcullis.url}/api/v1/access-tokens`, {
          method: 'POST',
          headers: headers.get(owner)!,
          body: JSON.stringify(body),
        })
      ).json()) as { token: string };
      return { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' };
    };
    headers.set('token', await pat('pusher', { name: 'matrix-pat' }));
    headers.set(
      'registry-token',
      await pat('responsible', { name: 'matrix-registry', registries: ['matrix.test'], expiresAt: tomorrow }),
    );
    headers.set('expiring-token', await pat('admin', { name: 'matrix-expiring', expiresAt: tomorrow }));
    headers.set('read-only-token', await pat('admin', { name: 'matrix-read-only', readOnly: true }));
    headers.set('anonymous', { 'content-type': 'application/json' });
    headers.set('service', {
      authorization: basicAuthorization('service/web1:web1-secret'),
      'content-type': 'application/json',
    });
    headers.set('robot', {
      authorization: basicAuthorization('robot/ci:ci-secret'),
      'content-type': 'application/json',
    });
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  it('should have an entry for every operation of the spec, and none for operations that do not exist', () => {
    const ids = operations.map((o) => o.id);
    expect(ids.filter((id) => !(id in OPERATIONS))).toEqual([]);
    expect(Object.keys(OPERATIONS).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('should document bearer security on exactly the operations that need a signed-in caller', () => {
    for (const operation of operations.filter((o) => o.path.startsWith('/api/'))) {
      const access = OPERATIONS[operation.id]!.access;
      const bearer = JSON.stringify(operation.security ?? []).includes('bearer');
      expect({ id: operation.id, bearer }).toEqual({
        id: operation.id,
        bearer: typeof access === 'string' && access !== 'public',
      });
    }
  });

  // Refused roles first, so that an allowed role's deletion cannot turn their 403 into a 404.
  const orderedRoles = [...ROLES];
  it.each(operations.map((o) => [o.id, o] as const))('%s', async (_, operation) => {
    const entry = OPERATIONS[operation.id]!;
    const sorted = orderedRoles.sort(
      (a, b) =>
        Number(expectation(entry.access, a, operation.method, entry.pat) === 'allowed') -
        Number(expectation(entry.access, b, operation.method, entry.pat) === 'allowed'),
    );
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const role of sorted) {
      const call = entry.call(fixtures, logins[role]);
      const form = typeof call.body === 'string';
      const roleHeaders = {
        ...headers.get(role)!,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      };
      if (call.body === undefined) delete (roleHeaders as Record<string, string>)['content-type'];
      const response = await fetch(`${portcullis.url}${call.path}`, {
        method: operation.method,
        headers: roleHeaders,
        ...(call.body === undefined ? {} : { body: form ? (call.body as string) : JSON.stringify(call.body) }),
      });
      await response.arrayBuffer();
      const want = expectation(entry.access, role, operation.method, entry.pat);
      outcomes[role] =
        want === 'allowed'
          ? [401, 403].includes(response.status)
            ? String(response.status)
            : 'allowed'
          : String(response.status);
      expected[role] = String(want);
      // 502: the fixture registry does not run, so calls that reach it find it unavailable.
      expect(response.status === 502 || response.status < 500).toBe(true);
    }
    expect(outcomes).toEqual(expected);
  });
});
