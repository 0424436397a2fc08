import {
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  startPortcullis,
} from '@portcullis/testing';

async function post(portcullis: RunningPortcullis, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${portcullis.url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('Public mode, registration and the change log', () => {
  let db: TestDatabase;
  let open: RunningPortcullis;

  beforeAll(async () => {
    db = await createTestDatabase();
    open = await startPortcullis({ DATABASE_URL: db.url, PUBLIC_REGISTRATION: 'true' });
  });

  afterAll(async () => {
    await open?.close();
    await db?.drop();
  });

  it('should register a user with the three privileges and a group of its own', async () => {
    const response = await post(open, '/auth/register', {
      name: 'newbie',
      password: 'newbie-password',
      email: 'n@example.com',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      name: 'newbie',
      isAdmin: false,
      privileges: ['DockerRegistriesManager', 'DockerRegistriesPusher', 'DockerRegistriesPuller'],
      primaryGroup: 'newbie',
      groups: ['newbie'],
    });
    expect((await post(open, '/auth/register', { name: 'newbie', password: 'another-password' })).status).toBe(409);
  });

  it("should refuse a name made of digits only, which would address another user's users/<id>/ paths", async () => {
    // The admin is user 1: a newcomer named 1 would push to users/1/… as the admin's own.
    const response = await post(open, '/auth/register', { name: '1', password: 'newcomer-password' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/not all digits/);
  });

  it('should refuse names made of digits only for users, groups and apps, by every way they are made', async () => {
    const admin = await open.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const patch = (path: string, body: unknown) =>
      fetch(`${open.url}/api/v1${path}`, { method: 'PATCH', headers: admin, body: JSON.stringify(body) });
    expect((await post(open, '/users', { name: '2', password: 'user-password' }, admin)).status).toBe(400);
    expect((await post(open, '/groups', { name: '3' }, admin)).status).toBe(400);
    expect((await post(open, '/apps', { name: '4' }, admin)).status).toBe(400);
    const app = (await (await post(open, '/apps', { name: 'shop' }, admin)).json()) as { id: number };
    expect((await patch(`/apps/${app.id}`, { name: '5' })).status).toBe(400);
    const group = (await (await post(open, '/groups', { name: 'team' }, admin)).json()) as { id: number };
    expect((await patch(`/groups/${group.id}`, { name: '6' })).status).toBe(400);
    for (const yaml of [
      'users: [{ name: "7", password: user-password }]',
      'groups: [{ name: "8" }]',
      'apps: [{ name: "9" }]',
    ]) {
      expect((await post(open, '/config/apply', { yaml }, admin)).status).toBe(400);
    }
    const bcrypt = '$2y$05$abcdefghijklmnopqrstuu5JpY3fZCyNoCxX7yIHVvC.bL5rPJ8BW';
    expect((await post(open, '/config/import/htpasswd', { htpasswd: `10:${bcrypt}` }, admin)).status).toBe(400);
    const dockerAuth = `users:\n  "11": { password: "${bcrypt}" }\n`;
    expect((await post(open, '/config/import/docker-auth', { yaml: dockerAuth }, admin)).status).toBe(400);
    // Names with digits and letters stay valid.
    expect((await post(open, '/groups', { name: 'team2' }, admin)).status).toBe(201);
  });

  it("should give a registry a user declares to the user's primary group", async () => {
    const headers = await open.apiHeaders('newbie', 'newbie-password');
    const response = await post(open, '/registries', { service: 'mine.test', url: 'http://mine.test//' }, headers);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      url: 'http://mine.test',
      responsibles: ['newbie'],
      publications: ['newbie'],
    });
  });

  it('should log every change made through the API, without secret values', async () => {
    const admin = await open.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    expect((await post(open, '/users', { name: 'logged', password: 'Secret-Value-42' }, admin)).status).toBe(201);
    expect((await post(open, '/groups', { name: 'Bad Name' }, admin)).status).toBe(400);
    const page = (await (await fetch(`${open.url}/api/v1/audit?category=change`, { headers: admin })).json()) as {
      items: { action: string; actor: string; outcome: string; target: string; detail: Record<string, unknown> }[];
    };
    const created = page.items.find((e) => e.action === 'createUser');
    expect(created).toMatchObject({
      actor: 'admin',
      outcome: 'ok',
      target: 'logged',
      detail: { fields: ['name', 'password'] },
    });
    expect(page.items.find((e) => e.action === 'createGroup')).toMatchObject({
      outcome: 'failed',
      detail: { error: 'VALIDATION_FAILED' },
    });
    expect(page.items.find((e) => e.action === 'user.register')).toMatchObject({ actor: 'newbie' });
    expect(JSON.stringify(page)).not.toContain('Secret-Value-42');
  });

  it('should log sign-ins and refused sign-ins', async () => {
    expect((await post(open, '/auth/login', { username: 'newbie', password: 'wrong-password' })).status).toBe(401);
    const admin = await open.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const page = (await (await fetch(`${open.url}/api/v1/audit?category=login`, { headers: admin })).json()) as {
      items: { action: string; actor: string; clause: string | null }[];
    };
    expect(page.items.find((e) => e.action === 'session.refuse')).toMatchObject({
      actor: 'newbie',
      clause: 'wrong password for newbie',
    });
    expect(page.items.find((e) => e.action === 'session.start')).toMatchObject({ actor: 'admin' });
  });

  it('should page through the audit log with a cursor', async () => {
    const admin = await open.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const first = (await (await fetch(`${open.url}/api/v1/audit?limit=2`, { headers: admin })).json()) as {
      items: { id: string }[];
      nextCursor: string | null;
    };
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(first.items[1]!.id);
    const second = (await (
      await fetch(`${open.url}/api/v1/audit?limit=2&cursor=${first.nextCursor}`, { headers: admin })
    ).json()) as {
      items: { id: string }[];
    };
    expect(BigInt(second.items[0]!.id)).toBeLessThan(BigInt(first.items[1]!.id));
    expect((await fetch(`${open.url}/api/v1/audit?limit=501`, { headers: admin })).status).toBe(400);
  });

  describe('in private mode', () => {
    let closed: RunningPortcullis;
    beforeAll(async () => {
      closed = await startPortcullis({ DATABASE_URL: db.url });
    });
    afterAll(async () => closed?.close());

    it('should refuse registration', async () => {
      expect((await post(closed, '/auth/register', { name: 'someone', password: 'some-password' })).status).toBe(403);
    });

    it('should refuse a registry from a user without DockerRegistriesManager', async () => {
      const admin = await closed.apiHeaders('admin', TEST_ADMIN_PASSWORD);
      await post(closed, '/users', { name: 'plain', password: 'plain-password' }, admin);
      const headers = await closed.apiHeaders('plain', 'plain-password');
      expect(
        (await post(closed, '/registries', { service: 'nope.test', url: 'http://nope.test' }, headers)).status,
      ).toBe(403);
    });
  });
});
