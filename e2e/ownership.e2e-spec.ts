import {
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  startPortcullis,
} from '@portcullis/testing';

/**
 * Who may see and change what another account owns: usage reports, robots and services, the
 * decisions behind someone else's rights, and what a narrow personal access token reaches.
 */
describe('Ownership and what others may see', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  const as: Record<string, Record<string, string>> = {};

  const call = async (who: string, path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${portcullis.url}/api/v1${path}`, {
      method,
      headers: body === undefined ? { authorization: as[who]!.authorization! } : as[who]!,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    as.admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const yaml = `
groups: [{ name: shop-dev }, { name: blog-dev }, { name: readers }, { name: mallory }]
users:
  - { name: alice, password: alice-password, groups: [shop-dev, readers], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: bob, password: bob-password, groups: [blog-dev, readers], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: carol, password: carol-password, groups: [readers], privileges: [DockerRegistriesPuller] }
  - { name: mallory, password: mallory-password, groups: [mallory], primaryGroup: mallory, privileges: [DockerRegistriesManager, DockerRegistriesPuller] }
apps:
  - { name: shop, responsibles: [shop-dev], publications: [readers] }
  - { name: blog, responsibles: [blog-dev] }
registries:
  - { service: main.test, url: "http://127.0.0.1:9", publications: [readers], responsibles: [shop-dev] }
services:
  - { name: shop-web, app: shop, secret: shop-web-secret }
  - { name: blog-web, app: blog, secret: blog-web-secret }
robots:
  - { name: shop-ci, app: shop, secret: shop-ci-secret, permissions: [{ repositories: "apps/shop/**", actions: [pull, push] }] }
  - { name: blog-ci, app: blog, secret: blog-ci-secret, permissions: [{ repositories: "apps/blog/**", actions: [pull, push] }] }
`;
    await portcullis.applyConfig(yaml);
    for (const name of ['alice', 'bob', 'carol', 'mallory'])
      as[name] = await portcullis.apiHeaders(name, `${name}-password`);
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  it("should keep a usage report its reporter's: another account can neither replace nor erase it", async () => {
    const report = (images: unknown[]) => ({ kind: 'node', reporter: 'node1', images });
    const image = { reference: 'main.test/apps/shop/web:1.0', digest: `sha256:${'1'.repeat(64)}` };
    expect((await call('alice', '/usage', 'POST', report([image]))).status).toBe(200);
    const erase = await call('bob', '/usage', 'POST', report([]));
    expect(erase.status).toBe(403);
    expect((await call('alice', `/usage?digest=${image.digest}`)).body).toEqual([
      expect.objectContaining({ reporter: 'node1', reference: image.reference }),
    ]);
    // The owner replaces it; an admin may too.
    expect((await call('alice', '/usage', 'POST', report([image]))).status).toBe(200);
    expect((await call('admin', '/usage', 'POST', report([image]))).status).toBe(200);
  });

  it('should show usage only of images in repositories the reader may pull', async () => {
    const digest = `sha256:${'2'.repeat(64)}`;
    const images = [
      { reference: 'main.test/users/alice/secret-tool:1', digest },
      { reference: 'main.test/apps/shop/web:2', digest },
      { reference: 'elsewhere.test/anything:1', digest },
    ];
    expect((await call('alice', '/usage', 'POST', { kind: 'node', reporter: 'node2', images })).status).toBe(200);
    const seen = async (who: string) =>
      ((await call(who, `/usage?digest=${digest}`)).body as unknown as { reference: string }[])
        .map((u) => u.reference)
        .sort();
    // carol reads main.test (readers) and the shop app's images, not alice's own repositories.
    expect(await seen('carol')).toEqual(['main.test/apps/shop/web:2']);
    expect(await seen('alice')).toEqual(images.map((i) => i.reference).sort());
    expect(await seen('admin')).toEqual(images.map((i) => i.reference).sort());
  });

  it("should show robots and services to admins and their app's responsibles only", async () => {
    const names = async (who: string, path: string) =>
      ((await call(who, path)).body.items as { name: string }[]).map((r) => r.name).sort();
    expect(await names('alice', '/robots')).toEqual(['shop-ci']);
    expect(await names('alice', '/services')).toEqual(['shop-web']);
    expect(await names('carol', '/robots')).toEqual([]);
    expect(await names('admin', '/robots')).toEqual(['blog-ci', 'shop-ci']);
    const blogRobot = ((await call('admin', '/robots?q=blog-ci')).body.items as { id: number }[])[0]!.id;
    expect((await call('alice', `/robots/${blogRobot}`)).status).toBe(404);
    expect((await call('bob', `/robots/${blogRobot}`)).status).toBe(200);
  });

  it("should explain another account only to admins, and to a registry's responsibles for its own audience", async () => {
    const explain = (who: string, account: string, service = 'main.test') =>
      call(who, '/access/explain', 'POST', { account, service, scope: ['repository:users/bob/app:pull'] });
    // alice is responsible of main.test: bob and carol are in its groups, mallory is not.
    expect((await explain('alice', 'bob')).status).toBe(200);
    expect((await explain('alice', 'service/blog-web')).status).toBe(403);
    expect((await explain('alice', 'service/shop-web')).status).toBe(200);
    expect((await explain('alice', 'mallory')).status).toBe(403);
    // An account that does not exist looks the same as one outside the audience.
    const { correlationId: _a, ...unknown } = (await explain('alice', 'nobody-at-all')).body;
    const { correlationId: _b, ...outside } = (await explain('alice', 'mallory')).body;
    expect(unknown).toEqual(outside);
    // A manager declaring a registry of their own gains no view of anyone else.
    expect(
      (await call('mallory', '/registries', 'POST', { service: 'mine.test', url: 'http://127.0.0.1:9' })).status,
    ).toBe(201);
    expect((await explain('mallory', 'bob', 'mine.test')).status).toBe(403);
    expect((await explain('mallory', 'mallory', 'mine.test')).status).toBe(200);
    expect((await explain('admin', 'mallory', 'mine.test')).status).toBe(200);
  });

  it('should let a registry-limited token list and reach only its registries, and never mint credentials', async () => {
    const created = await call('alice', '/access-tokens', 'POST', { name: 'ci', registries: ['main.test'] });
    const limited = { authorization: `Bearer ${created.body.token as string}`, 'content-type': 'application/json' };
    as.limited = limited;
    const unlimited = await call('alice', '/access-tokens', 'POST', { name: 'laptop' });
    const services = ((await call('limited', '/registries')).body.items as { service: string }[]).map((r) => r.service);
    expect(services).toEqual(['main.test']);
    const mine = ((await call('admin', '/registries?q=mine')).body.items as { id: number }[])[0]!.id;
    expect((await call('limited', `/registries/${mine}`)).status).toBe(403);
    expect((await call('limited', `/access-tokens/${unlimited.body.id as string}/rotate`, 'POST')).status).toBe(403);
    expect((await call('limited', '/access-tokens', 'POST', { name: 'wider' })).status).toBe(403);
    const robot = await call('limited', '/robots', 'POST', {
      name: 'sneaky',
      app: 'shop',
      permissions: [{ repositories: 'apps/shop/**', actions: ['pull'] }],
    });
    expect(robot.status).toBe(403);
    // It may revoke itself (a logout), and nothing else.
    expect((await call('limited', `/access-tokens/${unlimited.body.id as string}`, 'DELETE')).status).toBe(403);
    expect((await call('limited', `/access-tokens/${created.body.id as string}`, 'DELETE')).status).toBe(204);
    expect((await call('limited', '/auth/me')).status).toBe(401);
  });
});
