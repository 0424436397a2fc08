import {
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  startPortcullis,
} from '@portcullis/testing';

const SERVICE = 'machines.test';

describe('Services, robots, personal tokens and rules through the API', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let admin: Record<string, string>;

  const call = (path: string, method = 'GET', body?: unknown, headers = admin) =>
    fetch(`${portcullis.url}/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const tokenStatus = async (login: string, secret: string) =>
    (
      await fetch(`${portcullis.url}/token?service=${SERVICE}&scope=repository:apps/shop/x:pull`, {
        headers: { authorization: basicAuthorization(`${login}:${secret}`) },
      })
    ).status;
  const lastRefusal = async (actor: string) => {
    const page = (await (await call(`/audit?actor=${encodeURIComponent(actor)}&outcome=refused`)).json()) as {
      items: { clause: string }[];
    };
    return page.items[0]?.clause;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const yaml = `
groups: [{ name: dev }, { name: ops }]
users:
  - { name: dana, password: dana-password, groups: [dev], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: otto, password: otto-password, groups: [ops], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
apps:
  - { name: shop, responsibles: [dev], publications: [ops] }
registries:
  - { service: ${SERVICE}, url: "http://${SERVICE}", publications: [dev, ops], responsibles: [ops] }
`;
    expect((await call('/config/apply', 'POST', { yaml })).status).toBe(200);
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  it('should show a service secret once, rotate it and revoke it', async () => {
    const dana = await portcullis.apiHeaders('dana', 'dana-password');
    const created = await call('/services', 'POST', { name: 'web2', app: 'shop' }, dana);
    expect(created.status).toBe(201);
    const { id, secret, login } = (await created.json()) as { id: number; secret: string; login: string };
    expect(login).toBe('service/web2');
    expect(await tokenStatus(login, secret)).toBe(200);
    expect(JSON.stringify(await (await call(`/services/${id}`)).json())).not.toContain(secret);

    const rotated = (await (await call(`/services/${id}/rotate`, 'POST', undefined, dana)).json()) as {
      secret: string;
    };
    expect(rotated.secret).not.toBe(secret);
    expect(await tokenStatus(login, secret)).toBe(401);
    expect(await tokenStatus(login, rotated.secret)).toBe(200);

    expect((await call(`/services/${id}/revoke`, 'POST', undefined, dana)).status).toBe(200);
    expect(await tokenStatus(login, rotated.secret)).toBe(401);
    expect(await lastRefusal('service/web2')).toBe('service/web2 is revoked');
  });

  it("should keep an app's machines to its responsibles", async () => {
    const otto = await portcullis.apiHeaders('otto', 'otto-password');
    expect((await call('/services', 'POST', { name: 'sneaky', app: 'shop' }, otto)).status).toBe(403);
    const robot = { name: 'sneaky', app: 'shop', permissions: [{ repositories: 'apps/shop/**', actions: ['push'] }] };
    expect((await call('/robots', 'POST', robot, otto)).status).toBe(403);
  });

  it('should keep a responsible’s robot inside apps/<app>/, and let an admin go further', async () => {
    const dana = await portcullis.apiHeaders('dana', 'dana-password');
    const outside = { name: 'wide', app: 'shop', permissions: [{ repositories: 'library/**', actions: ['push'] }] };
    const refused = await call('/robots', 'POST', outside, dana);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toContain('permissions[0].repositories');
    expect((await call('/robots', 'POST', outside)).status).toBe(201);
  });

  it('should expire, rotate and revoke a robot', async () => {
    const dana = await portcullis.apiHeaders('dana', 'dana-password');
    const soon = new Date(Date.now() + 1500).toISOString();
    const created = await call(
      '/robots',
      'POST',
      {
        name: 'ci',
        app: 'shop',
        expiresAt: soon,
        permissions: [{ repositories: 'apps/shop/**', actions: ['pull', 'push'] }],
      },
      dana,
    );
    expect(created.status).toBe(201);
    const { id, secret } = (await created.json()) as { id: number; secret: string };
    expect(await tokenStatus('robot/ci', secret)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(await tokenStatus('robot/ci', secret)).toBe(401);
    expect(await lastRefusal('robot/ci')).toMatch(/robot\/ci expired at/);

    expect((await call(`/robots/${id}`, 'PATCH', { expiresAt: null }, dana)).status).toBe(200);
    expect(await tokenStatus('robot/ci', secret)).toBe(200);
    const rotated = (await (await call(`/robots/${id}/rotate`, 'POST', undefined, dana)).json()) as { secret: string };
    expect(await tokenStatus('robot/ci', rotated.secret)).toBe(200);
    expect((await call(`/robots/${id}/revoke`, 'POST', undefined, dana)).status).toBe(200);
    expect(await tokenStatus('robot/ci', rotated.secret)).toBe(401);
  });

  it('should refuse invalid robot permissions with the field path', async () => {
    const response = await call('/robots', 'POST', {
      name: 'bad',
      app: 'shop',
      permissions: [{ repositories: '/(/', actions: ['pull'] }],
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^permissions\[0\]\.repositories: is not a valid regular expression/,
    );
  });

  it('should take a personal access token as an API bearer token, read-only when asked, until revoked', async () => {
    const dana = await portcullis.apiHeaders('dana', 'dana-password');
    const created = await call('/access-tokens', 'POST', { name: 'script', readOnly: true }, dana);
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await call('/registries', 'GET', undefined, bearer)).status).toBe(200);
    expect((await call('/access-tokens', 'POST', { name: 'more' }, bearer)).status).toBe(403);
    expect(await tokenStatus('dana', token)).toBe(200);

    const rotated = (await (await call(`/access-tokens/${id}/rotate`, 'POST', undefined, dana)).json()) as {
      token: string;
      readOnly: boolean;
    };
    expect(rotated).toMatchObject({ readOnly: true });
    expect(await tokenStatus('dana', token)).toBe(401);
    expect(await tokenStatus('dana', rotated.token)).toBe(200);

    expect((await call(`/access-tokens/${id}`, 'DELETE', undefined, dana)).status).toBe(204);
    expect(
      (await call('/registries', 'GET', undefined, { ...bearer, authorization: `Bearer ${rotated.token}` })).status,
    ).toBe(401);
    expect(await tokenStatus('dana', rotated.token)).toBe(401);
    expect(await lastRefusal('dana')).toBe('personal access token script is revoked');
    expect((await call('/registries', 'GET', undefined, bearer)).status).toBe(401);
  });

  it('should let an unlimited token create tokens, and a limited one none (it would outlive or outreach it)', async () => {
    const dana = await portcullis.apiHeaders('dana', 'dana-password');
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const create = async (body: Record<string, unknown>, headers: Record<string, string>) =>
      call('/access-tokens', 'POST', body, headers);
    const bearerOf = async (response: Response) => ({
      authorization: `Bearer ${((await response.json()) as { token: string }).token}`,
      'content-type': 'application/json',
    });
    const unlimited = await bearerOf(await create({ name: 'unlimited' }, dana));
    const child = await create({ name: 'child', registries: [SERVICE], expiresAt: soon }, unlimited);
    expect(child.status).toBe(201);
    expect(await child.json()).toMatchObject({ registries: [SERVICE], expiresAt: soon, readOnly: false });
    for (const limits of [{ registries: [SERVICE] }, { expiresAt: soon }, { readOnly: true }]) {
      const limited = await bearerOf(await create({ name: 'limited', ...limits }, dana));
      const refused = await create({ name: 'narrower', ...limits }, limited);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { message: string }).message).toMatch(
        /cannot create, rotate or read credentials|read-only/,
      );
    }
  });

  it('should refuse a disabled user and say why in the audit log', async () => {
    const created = (await (await call('/users', 'POST', { name: 'leaver', password: 'leaver-password' })).json()) as {
      id: number;
    };
    expect(await tokenStatus('leaver', 'leaver-password')).toBe(200);
    expect((await call(`/users/${created.id}`, 'PATCH', { disabled: true })).status).toBe(200);
    expect(await tokenStatus('leaver', 'leaver-password')).toBe(401);
    expect(await lastRefusal('leaver')).toBe('user leaver is disabled');
  });

  it.each([
    [{ match: { name: '/[unclosed/' }, actions: ['pull'] }, 'match.name: is not a valid regular expression'],
    [{ match: { name: 'Releases/**' }, actions: ['pull'] }, 'match.name: can never match'],
    [{ match: { account: '${user}' }, actions: ['pull'] }, 'match.account: uses the unknown placeholder ${user}'],
    [{ match: { ip: '10.0.0.0/99' }, actions: ['pull'] }, 'match.ip: must be an IP address or a CIDR range'],
    [{ match: { kind: 'alien' }, actions: ['pull'] }, 'match.kind'],
    [{ match: { name: 'x' }, actions: ['PULL'] }, 'each action'],
    [{ match: { nmae: 'x' }, actions: [] }, 'property nmae should not exist'],
  ])('should refuse the rule %j naming %s', async (rule, problem) => {
    const response = await call('/rules', 'POST', rule);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(problem);
  });

  it('should reorder rules, refusing an incomplete order', async () => {
    const a = (await (await call('/rules', 'POST', { match: { account: 'a' }, actions: [] })).json()) as { id: number };
    const b = (await (await call('/rules', 'POST', { match: { account: 'b' }, actions: [] })).json()) as { id: number };
    const all = ((await (await call('/rules')).json()) as { items: { id: number }[] }).items.map((r) => r.id);
    const reordered = (await (await call('/rules/order', 'PUT', { ids: [...all].reverse() })).json()) as {
      id: number;
    }[];
    expect(reordered.map((r) => r.id)).toEqual([...all].reverse());
    expect((await call('/rules/order', 'PUT', { ids: [a.id] })).status).toBe(400);
    expect(all).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('should refuse unknown groups in a registry update with the field path, writing nothing', async () => {
    const { items: registries } = (await (await call('/registries')).json()) as {
      items: { id: number; service: string; publications: string[] }[];
    };
    const registry = registries.find((r) => r.service === SERVICE)!;
    const response = await call(`/registries/${registry.id}`, 'PATCH', {
      publications: ['dev', 'nosuch'],
      restricted: true,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe(
      'publications[1]: there is no group "nosuch"',
    );
    expect(await (await call(`/registries/${registry.id}`)).json()).toMatchObject({
      restricted: false,
      publications: ['dev', 'ops'],
    });
  });
});
