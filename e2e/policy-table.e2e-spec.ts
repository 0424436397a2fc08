import { Client } from 'pg';
import { stringify } from 'yaml';
import {
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  decodeJwt,
  startPortcullis,
} from '@portcullis/testing';
import { POLICY_ROWS, POLICY_WORLD, PolicyRow, WorldTokenKey, resolveScope } from '@portcullis/testing';

/**
 * Every row of the rule-book table, against the real server: the world is built in the database
 * from a declarative document, and for each row the explain endpoint must give the row's answer
 * and exactly the `access` claim of a real token for the same request.
 */

const passwordOf = (name: string) => `password-of-${name}`;
const secretOf = (name: string) => `secret-of-${name}`;

/**
 * Names made of digits only cannot be given any more (they read as ids): the world's are declared
 * under stand-in names, then renamed in the database, as data an earlier version let in.
 */
const LEGACY_NAMES: Record<string, string> = { '10': 'legacy-user-10', '77': 'legacy-group-77' };
const declared = (name: string) => LEGACY_NAMES[name] ?? name;

function worldYaml(): string {
  const users = Object.entries(POLICY_WORLD.users).map(([name, u]) => ({
    name: declared(name),
    password: passwordOf(name),
    groups: u.groups.map(declared),
    privileges: [...u.privileges],
    admin: 'admin' in u ? u.admin : false,
  }));
  return stringify({
    groups: POLICY_WORLD.groups.map((name) => ({ name: declared(name) })),
    users,
    apps: Object.entries(POLICY_WORLD.apps).map(([name, a]) => ({
      name,
      responsibles: a.responsibles.map(declared),
      publications: a.publications.map(declared),
    })),
    registries: Object.values(POLICY_WORLD.registries).map((r) => ({
      service: r.service,
      url: `http://${r.service}`,
      restricted: r.restricted,
      ...('fronted' in r ? { fronted: r.fronted } : {}),
      publications: r.publications.map(declared),
      responsibles: r.responsibles.map(declared),
      anonymousPull: [...r.anonymousPull],
    })),
    services: Object.entries(POLICY_WORLD.services).map(([name, s]) => ({ name, app: s.app, secret: secretOf(name) })),
    robots: Object.entries(POLICY_WORLD.robots).map(([name, r]) => ({
      name,
      app: r.app,
      secret: secretOf(name),
      permissions: r.permissions.map((p) => ({ repositories: p.repositories, actions: [...p.actions] })),
    })),
    rules: [],
  });
}

function accessOf(jwt: string): unknown {
  return decodeJwt<{ access: unknown }>(jwt).claims.access;
}

describe('The rule-book table against the real server', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let admin: Record<string, string>;
  const ids = { users: new Map<string, number>(), groups: new Map<string, number>(), apps: new Map<string, number>() };
  const tokens = new Map<WorldTokenKey, { id: string; token: string }>();

  const api = (path: string, init: RequestInit = {}, headers = admin) =>
    fetch(`${portcullis.url}/api/v1${path}`, { ...init, headers });

  beforeAll(async () => {
    db = await createTestDatabase();
    // The table's ip rows arrive through a proxy on loopback, as behind nginx.
    portcullis = await startPortcullis({ DATABASE_URL: db.url, TRUST_PROXY: '127.0.0.1' });
    admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const applied = await api('/config/apply', { method: 'POST', body: JSON.stringify({ yaml: worldYaml() }) });
    expect(applied.status).toBe(200);
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      for (const [name, standIn] of Object.entries(LEGACY_NAMES)) {
        await sql.query('UPDATE "user" SET name = $1 WHERE name = $2', [name, standIn]);
        await sql.query('UPDATE "group" SET name = $1 WHERE name = $2', [name, standIn]);
      }
    } finally {
      await sql.end();
    }
    for (const [kind, path] of [
      ['users', '/users'],
      ['groups', '/groups'],
      ['apps', '/apps'],
    ] as const) {
      const page = (await (await api(`${path}?limit=100`)).json()) as {
        items: { id: number; name: string }[];
        nextCursor: string | null;
      };
      expect(page.nextCursor).toBeNull();
      for (const item of page.items) ids[kind].set(item.name, item.id);
    }
    for (const [key, spec] of Object.entries(POLICY_WORLD.tokens) as [
      WorldTokenKey,
      (typeof POLICY_WORLD.tokens)[WorldTokenKey],
    ][]) {
      const owner = await portcullis.apiHeaders(spec.user, passwordOf(spec.user));
      const created = await api(
        '/access-tokens',
        {
          method: 'POST',
          body: JSON.stringify({
            name: key,
            readOnly: spec.readOnly,
            ...(spec.registries ? { registries: [...spec.registries] } : {}),
          }),
        },
        owner,
      );
      expect(created.status).toBe(201);
      tokens.set(key, (await created.json()) as { id: string; token: string });
    }
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  async function setRules(row: PolicyRow): Promise<void> {
    const yaml = stringify({
      rules: (row.rules ?? []).map((r) => ({
        match: r.match,
        actions: [...r.actions],
        ...(r.comment ? { comment: r.comment } : {}),
      })),
    });
    expect((await api('/config/apply', { method: 'POST', body: JSON.stringify({ yaml }) })).status).toBe(200);
  }

  it.each(POLICY_ROWS.map((row) => [row.title, row] as const))('%s', async (_, row) => {
    await setRules(row);
    const service = POLICY_WORLD.registries[row.registry].service;
    const scope = resolveScope(row.scope, {
      users: (n) => ids.users.get(n)!,
      groups: (n) => ids.groups.get(n)!,
      apps: (n) => ids.apps.get(n)!,
    });
    const token = row.token === undefined ? undefined : tokens.get(row.token)!;

    const explained = await api('/access/explain', {
      method: 'POST',
      body: JSON.stringify({
        account: row.who,
        service,
        scope: [scope],
        ...(token ? { accessTokenId: token.id } : {}),
        ...(row.ip ? { ip: row.ip } : {}),
      }),
    });
    expect(explained.status).toBe(200);
    const explanation = (await explained.json()) as {
      access: unknown;
      resources: { granted: string[]; decisions: { clause: string }[] }[];
    };
    expect(explanation.resources[0]?.granted).toEqual(row.granted);
    if (row.rules === undefined) {
      expect(explanation.resources[0]?.decisions.map((d) => d.clause).join('; ')).toMatch(row.clause);
    }

    const secret =
      row.who === ''
        ? undefined
        : token
          ? token.token
          : row.who.includes('/')
            ? secretOf(row.who.split('/')[1]!)
            : passwordOf(row.who);
    const headers: Record<string, string> = {
      ...(secret === undefined ? {} : { authorization: basicAuthorization(`${row.who}:${secret}`) }),
      ...(row.ip ? { 'x-forwarded-for': row.ip } : {}),
    };
    const issued = await fetch(`${portcullis.url}/token?${new URLSearchParams({ service, scope }).toString()}`, {
      headers,
    });
    expect(issued.status).toBe(200);
    expect(accessOf(((await issued.json()) as { token: string }).token)).toEqual(explanation.access);
  });
});
