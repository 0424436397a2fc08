import fc from 'fast-check';
import { request } from 'undici';
import {
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  notificationAuthorizationOf,
  notify,
  pushEvent,
  startPortcullis,
} from '@portcullis/testing';

const SERVICE = 'search.test';

/** moby `api/types/registry/search.go`: SearchResults and SearchResult, and nothing else. */
function expectDockerShape(
  body: unknown,
): asserts body is { query: string; num_results: number; results: Record<string, unknown>[] } {
  expect(Object.keys(body as object).sort()).toEqual(['num_results', 'query', 'results']);
  const results = (body as { results: unknown[] }).results;
  expect(typeof (body as { query: unknown }).query).toBe('string');
  expect(Number.isInteger((body as { num_results: unknown }).num_results)).toBe(true);
  for (const result of results) {
    expect(Object.keys(result as object).sort()).toEqual([
      'description',
      'is_automated',
      'is_official',
      'name',
      'star_count',
    ]);
    const r = result as Record<string, unknown>;
    expect([typeof r.name, typeof r.description, typeof r.is_official, typeof r.is_automated]).toEqual([
      'string',
      'string',
      'boolean',
      'boolean',
    ]);
    expect(Number.isInteger(r.star_count)).toBe(true);
  }
}

describe('docker search (/v1/search)', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;

  const search = async (query: string, authorization?: string) => {
    const response = await fetch(`${portcullis.url}/v1/search?${query}`, {
      headers: { 'x-docker-token': 'true', ...(authorization ? { authorization } : {}) },
    });
    return { status: response.status, body: await response.json() };
  };
  const names = async (q: string, authorization?: string) => {
    const { status, body } = await search(`q=${encodeURIComponent(q)}&n=100`, authorization);
    expect(status).toBe(200);
    expectDockerShape(body);
    return body.results.map((r) => r.name as string);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const yaml = `
groups: [{ name: dev }, { name: ops }, { name: qa }, { name: toolsmiths }]
users:
  - { name: tooler, password: tooler-password }
  - { name: alice, password: alice-password, groups: [dev], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: bob, password: bob-password, groups: [ops], privileges: [DockerRegistriesPuller] }
  - { name: carol, password: carol-password, groups: [qa], privileges: [DockerRegistriesPuller] }
apps:
  - { name: shop, responsibles: [dev], publications: [ops] }
  - { name: toolbox }
registries:
  - { service: ${SERVICE}, url: "http://127.0.0.1:9", publications: [dev, ops], responsibles: [ops], anonymousPull: ["public/**"] }
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
    const { items: registries } = (await (
      await fetch(`${portcullis.url}/api/v1/registries`, { headers: admin })
    ).json()) as { items: { id: number }[] };
    const { configYml } = (await (
      await fetch(`${portcullis.url}/api/v1/registries/${registries[0]!.id}/config`, { headers: admin })
    ).json()) as { configYml: string };
    const secret = notificationAuthorizationOf(configYml);
    // The catalog, as the registry's notifications would build it.
    const repositories = [
      'users/alice/tool',
      'apps/shop/web',
      'apps/shop/tool-api',
      'library/tool',
      'public/tool',
      'tool',
    ];
    // Sixty matches of "many" carol may not pull, all ranked before the one she may.
    const crowd = [
      ...Array.from({ length: 60 }, (_, i) => `library/many${String(i).padStart(2, '0')}`),
      'public/manyzz',
    ];
    const events = [
      ...repositories.map((repository, i) =>
        pushEvent(`e${i}`, repository, 'v1', `sha256:${String(i).repeat(64)}`, 10),
      ),
      ...crowd.map((repository, i) => pushEvent(`c${i}`, repository, 'crowd', `sha256:${'f'.repeat(64)}`, 10)),
    ];
    const notified = await notify(portcullis.url, secret, events);
    expect(await notified.json()).toMatchObject({ applied: events.length });
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  it('should stop taking the old notification secret once it is rotated', async () => {
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const { items: registries } = (await (
      await fetch(`${portcullis.url}/api/v1/registries`, { headers: admin })
    ).json()) as { items: { id: number }[] };
    const secretOf = notificationAuthorizationOf;
    const before = secretOf(
      (
        (await (
          await fetch(`${portcullis.url}/api/v1/registries/${registries[0]!.id}/config`, { headers: admin })
        ).json()) as { configYml: string }
      ).configYml,
    );
    const rotated = await fetch(
      `${portcullis.url}/api/v1/registries/${registries[0]!.id}/config/rotate-notification-secret`,
      { method: 'POST', headers: admin },
    );
    const after = secretOf(((await rotated.json()) as { configYml: string }).configYml);
    expect(after).not.toBe(before);
    const post = (secret: string) => notify(portcullis.url, secret, []);
    expect((await post(before)).status).toBe(401);
    expect((await post(after)).status).toBe(200);
  });

  it('should search the registry a provisioned front names, and no other when it names none', async () => {
    const through = (front: string) =>
      fetch(`${portcullis.url}/v1/search?q=tool&n=100`, {
        headers: { 'x-docker-token': 'true', 'x-portcullis-registry': front, authorization: 'Basic Og==' },
      });
    const fronted = await through(SERVICE);
    expect(fronted.status).toBe(200);
    expect(((await fronted.json()) as { results: { name: string }[] }).results.map((r) => r.name)).toEqual([
      'public/tool',
    ]);
    // A front naming a registry Portcullis does not know: a clear 404, never every registry.
    const unknown = await through('nowhere.test:5000');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errors: [{ code: 'NAME_UNKNOWN' }] });
  });

  it('should search the registry a Host names, every registry only when asked at PUBLIC_URL, else none', async () => {
    const at = async (host: string) => {
      const response = await request(`${portcullis.url}/v1/search?q=tool&n=100`, {
        headers: { host, authorization: 'Basic Og==' },
      });
      return { status: response.statusCode, body: (await response.body.json()) as { results?: { name: string }[] } };
    };
    expect(await at(SERVICE)).toMatchObject({ status: 200, body: { results: [{ name: 'public/tool' }] } });
    expect(await at(new URL(portcullis.url).host)).toMatchObject({ status: 200 });
    // A Host that is neither: a front that does not name its registry; never every registry.
    expect(await at('elsewhere.test:5000')).toMatchObject({
      status: 404,
      body: { errors: [{ code: 'NAME_UNKNOWN' }] },
    });
  });

  it('should answer _ping as a standalone registry', async () => {
    const response = await fetch(`${portcullis.url}/v1/_ping`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-docker-registry-standalone')).toBe('true');
  });

  it('should rank exact, then prefix, then substring matches', async () => {
    expect(await names('tool', basicAuthorization(TEST_ADMIN))).toEqual([
      'tool',
      'apps/shop/tool-api',
      'library/tool',
      'public/tool',
      'users/alice/tool',
    ]);
  });

  it.each([
    // alice (dev): her home, other paths published to dev, the app she runs, public paths.
    [
      'alice with Basic credentials',
      basicAuthorization('alice:alice-password'),
      ['tool', 'apps/shop/tool-api', 'library/tool', 'public/tool', 'users/alice/tool'],
    ],
    // bob (ops, puller): the app published to ops, other paths, public paths; not alice's home.
    [
      'bob with Basic credentials',
      basicAuthorization('bob:bob-password'),
      ['tool', 'apps/shop/tool-api', 'library/tool', 'public/tool'],
    ],
    // carol (qa): the registry is not published to qa: public paths only.
    ['carol with Basic credentials', basicAuthorization('carol:carol-password'), ['public/tool']],
    ['anonymous, as docker sends it over https', 'Basic Og==', ['public/tool']],
    ['anonymous, with no header', undefined, ['public/tool']],
  ])('should show %s only what they may pull', async (_, authorization, expected) => {
    expect(await names('tool', authorization)).toEqual(expected);
  });

  it('should take the Bearer token docker gets with an identity token for registry:catalog:search', async () => {
    const login = await fetch(
      `${portcullis.url}/token?account=bob&client_id=docker&offline_token=true&service=${SERVICE}`,
      {
        headers: { authorization: basicAuthorization('bob:bob-password') },
      },
    );
    const { refresh_token } = (await login.json()) as { refresh_token: string };
    const token = await fetch(`${portcullis.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token,
        client_id: 'docker',
        service: SERVICE,
        scope: 'registry:catalog:search',
      }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    expect(await names('tool', `Bearer ${access_token}`)).toEqual([
      'tool',
      'apps/shop/tool-api',
      'library/tool',
      'public/tool',
    ]);
  });

  it('should refuse a Bearer token without the search scope, and wrong credentials', async () => {
    const response = await fetch(`${portcullis.url}/token?service=${SERVICE}&scope=repository:tool:pull`, {
      headers: { authorization: basicAuthorization('bob:bob-password') },
    });
    const { token } = (await response.json()) as { token: string };
    expect((await search('q=tool', `Bearer ${token}`)).status).toBe(401);
    expect((await search('q=tool', 'Bearer not.a.token')).status).toBe(401);
    expect((await search('q=tool', basicAuthorization('bob:wrong-password'))).status).toBe(401);
  });

  it('should find what the asker may pull behind many better-ranked matches they may not', async () => {
    const { body } = await search('q=many&n=1', basicAuthorization('carol:carol-password'));
    expect(body).toMatchObject({ num_results: 1, results: [{ name: 'public/manyzz' }] });
    const admin = await search('q=many&n=3', basicAuthorization(TEST_ADMIN));
    expect((admin.body as { results: { name: string }[] }).results.map((r) => r.name)).toEqual([
      'library/many00',
      'library/many01',
      'library/many02',
    ]);
  });

  it('should honour n and the default of 25', async () => {
    const { body } = await search('q=tool&n=2', basicAuthorization(TEST_ADMIN));
    expectDockerShape(body);
    expect(body).toMatchObject({ query: 'tool', num_results: 2 });
    expect((await search('q=tool', basicAuthorization(TEST_ADMIN))).status).toBe(200);
  });

  it.each(['n=0', 'n=101', 'n=ten', 'n=5&n=6', `q=${'x'.repeat(256)}`])(
    'should refuse %s with a 400 in the shape docker reads',
    async (query) => {
      const { status, body } = await search(`q=tool&${query}`);
      expect(status).toBe(400);
      expect(body).toMatchObject({ errors: [{ code: 'INVALID_REQUEST' }] });
    },
  );

  it('should throttle password guessing through search like the token endpoint (429 with Retry-After)', async () => {
    const guess = (i: number) =>
      fetch(`${portcullis.url}/v1/search?q=tool`, {
        headers: { authorization: basicAuthorization(`carol-guess:wrong-${i}`) },
      });
    for (let i = 0; i < 5; i++) expect((await guess(i)).status).toBe(401);
    const locked = await guess(5);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(25);
    expect(((await locked.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('TOOMANYREQUESTS');
  });

  it('should treat the query as text, not as a pattern', async () => {
    expect(await names('%', basicAuthorization(TEST_ADMIN))).toEqual([]);
    expect(await names('_', basicAuthorization(TEST_ADMIN))).toEqual([]);
    expect(await names('-', basicAuthorization(TEST_ADMIN))).toEqual(['apps/shop/tool-api']);
  });

  describe('the API search box', () => {
    const apiSearch = async (q: string, user: string, password: string) => {
      const headers = await portcullis.apiHeaders(user, password);
      const response = await fetch(`${portcullis.url}/api/v1/search?q=${encodeURIComponent(q)}&limit=50`, { headers });
      expect(response.status).toBe(200);
      return (
        (await response.json()) as { items: { kind: string; name: string; repository: string | null; rank: number }[] }
      ).items;
    };

    it('should find every kind of object for an admin, best match first', async () => {
      const items = await apiSearch('tool', 'admin', TEST_ADMIN_PASSWORD);
      expect(items[0]).toMatchObject({ kind: 'repository', name: 'tool', rank: 0 });
      expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['repository', 'user', 'group', 'app']));
      expect(items.map((i) => i.rank)).toEqual([...items.map((i) => i.rank)].sort());
    });

    it('should hide users from non-admins and repositories they may not pull', async () => {
      const items = await apiSearch('tool', 'carol', 'carol-password');
      expect(items.filter((i) => i.kind === 'user')).toEqual([]);
      expect(items.filter((i) => i.kind === 'repository').map((i) => i.name)).toEqual(['public/tool']);
      expect(items.filter((i) => i.kind === 'group').map((i) => i.name)).toEqual(['toolsmiths']);
    });

    it('should limit docker: searches to repositories and tags', async () => {
      const items = await apiSearch('docker:tool', 'bob', 'bob-password');
      expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['repository']));
      const tags = await apiSearch('docker:v1', 'bob', 'bob-password');
      expect(tags.every((i) => i.kind === 'tag')).toBe(true);
      expect(tags.map((i) => i.repository).sort()).toEqual([
        'apps/shop/tool-api',
        'apps/shop/web',
        'library/tool',
        'public/tool',
        'tool',
      ]);
    });
  });

  describe('image usage', () => {
    const digest = `sha256:${'d'.repeat(64)}`;
    const imageId = `sha256:${'e'.repeat(64)}`;
    const report = async (body: unknown) =>
      fetch(`${portcullis.url}/api/v1/usage`, {
        method: 'POST',
        headers: await portcullis.apiHeaders('bob', 'bob-password'),
        body: JSON.stringify(body),
      });
    const who = async (query: string) =>
      (await (
        await fetch(`${portcullis.url}/api/v1/usage?${query}`, {
          headers: await portcullis.apiHeaders('bob', 'bob-password'),
        })
      ).json()) as { kind: string; reporter: string }[];

    it('should tell which nodes and services run an image, by digest or image id', async () => {
      expect(
        (
          await report({
            kind: 'node',
            reporter: 'node1',
            images: [{ reference: `${SERVICE}/library/tool:v1`, digest, imageId }],
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await report({
            kind: 'service',
            reporter: 'web1',
            images: [{ reference: `${SERVICE}/library/tool:v1`, imageId }],
          })
        ).status,
      ).toBe(200);
      expect((await who(`digest=${digest}`)).map((u) => `${u.kind}/${u.reporter}`)).toEqual(['node/node1']);
      expect((await who(`imageId=${imageId}`)).map((u) => `${u.kind}/${u.reporter}`)).toEqual([
        'node/node1',
        'service/web1',
      ]);
      // A new report replaces the old one.
      await report({ kind: 'node', reporter: 'node1', images: [] });
      expect((await who(`imageId=${imageId}`)).map((u) => `${u.kind}/${u.reporter}`)).toEqual(['service/web1']);
    });

    it.each([
      [{ kind: 'toaster', reporter: 'x', images: [] }, 'kind'],
      [{ kind: 'node', reporter: 'bad name', images: [] }, 'reporter'],
      [{ kind: 'node', reporter: 'n', images: [{ reference: 'x', digest: 'md5:1' }] }, 'images[0].digest'],
      // Lists inside the list: class-validator's nested validation alone let these through (a 500).
      [{ kind: 'node', reporter: 'n', images: [[]] }, 'images must be an object'],
      [{ kind: 'node', reporter: 'n', images: [[{ reference: 'x' }]] }, 'images must be an object'],
      [{ kind: 'node', reporter: 'n', images: ['x'] }, 'images must be an object'],
    ])('should refuse %j naming %s', async (body, field) => {
      const response = await report(body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toContain(field);
    });
  });

  describe('the catalog through a front (/v2/_catalog)', () => {
    const ALL = [
      'apps/shop/tool-api',
      'apps/shop/web',
      ...Array.from({ length: 60 }, (_, i) => `library/many${String(i).padStart(2, '0')}`),
      'library/tool',
      'public/manyzz',
      'public/tool',
      'tool',
      'users/alice/tool',
    ];
    const PUBLIC = ['public/manyzz', 'public/tool'];
    const CHALLENGE = (error?: string) =>
      `Bearer realm="${portcullis.url}/token",service="${SERVICE}",scope="registry:catalog:*"` +
      (error === undefined ? '' : `,error="${error}"`);

    /** A registry token as containers/image gets it: Basic credentials, or none for anonymous. */
    const tokenOf = async (authorization: string | undefined, scope?: string, service = SERVICE) => {
      const query = new URLSearchParams({ service, ...(scope ? { scope } : {}) });
      const response = await fetch(`${portcullis.url}/token?${query.toString()}`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { token: string }).token;
    };
    const catalog = (path: string, token?: string, front: string | null = SERVICE) =>
      fetch(`${portcullis.url}${path}`, {
        headers: {
          ...(front === null ? {} : { 'x-portcullis-registry': front }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
      });
    /** Every page, following Link as podman does. */
    const everything = async (token: string, n: number) => {
      const names: string[] = [];
      const links: string[] = [];
      for (let path: string | undefined = `/v2/_catalog?n=${n}`; path !== undefined;) {
        const response = await catalog(path, token);
        expect(response.status).toBe(200);
        names.push(...((await response.json()) as { repositories: string[] }).repositories);
        const link = response.headers.get('link');
        if (link !== null) links.push(link);
        path = link === null ? undefined : /^<([^>]+)>; rel="next"$/.exec(link)![1]!;
      }
      return { names, links };
    };
    const setFronted = async (fronted: boolean) => {
      const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
      const { items } = (await (
        await fetch(`${portcullis.url}/api/v1/registries?q=${SERVICE}`, { headers: admin })
      ).json()) as { items: { id: number }[] };
      const patched = await fetch(`${portcullis.url}/api/v1/registries/${items[0]!.id}`, {
        method: 'PATCH',
        headers: admin,
        body: JSON.stringify({ fronted }),
      });
      expect(patched.status).toBe(200);
      expect(await patched.json()).toMatchObject({ fronted });
    };

    it("should challenge like the registry: no token, then a token without the catalog's scope", async () => {
      const none = await catalog('/v2/_catalog');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe(CHALLENGE());
      expect(none.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
      expect(await none.json()).toEqual({
        errors: [
          {
            code: 'UNAUTHORIZED',
            message: 'authentication required',
            detail: [{ Type: 'registry', Name: 'catalog', Action: '*' }],
          },
        ],
      });
      // podman's first request carries a token with no scope; it retries only on insufficient_scope.
      const unscoped = await catalog('/v2/_catalog', await tokenOf(basicAuthorization('bob:bob-password')));
      expect(unscoped.status).toBe(401);
      expect(unscoped.headers.get('www-authenticate')).toBe(CHALLENGE('insufficient_scope'));
      expect((await catalog('/v2/_catalog', 'not.a.token')).headers.get('www-authenticate')).toBe(
        CHALLENGE('invalid_token'),
      );
      expect((await catalog('/v2/_catalog', undefined, null)).status).toBe(404);
      const unknown = await catalog('/v2/_catalog', undefined, 'nowhere.test:5000');
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ errors: [{ code: 'NAME_UNKNOWN' }] });
    });

    it('should refuse a token of another registry', async () => {
      const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
      const other = await fetch(`${portcullis.url}/api/v1/registries`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ service: 'other-catalog.test', url: 'http://127.0.0.1:9' }),
      });
      expect(other.status).toBe(201);
      const token = await tokenOf(basicAuthorization(TEST_ADMIN), 'registry:catalog:*', 'other-catalog.test');
      const response = await catalog('/v2/_catalog', token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(CHALLENGE('invalid_token'));
    });

    it('should list to a responsible of an unfronted registry only what they may pull, and refuse the others', async () => {
      const bob = await tokenOf(basicAuthorization('bob:bob-password'), 'registry:catalog:*');
      expect((await everything(bob, 100)).names).toEqual(ALL.filter((name) => name !== 'users/alice/tool'));
      // alice is not responsible for it: no catalog scope in her token.
      const alice = await tokenOf(basicAuthorization('alice:alice-password'), 'registry:catalog:*');
      expect((await catalog('/v2/_catalog', alice)).headers.get('www-authenticate')).toBe(
        CHALLENGE('insufficient_scope'),
      );
    });

    it('should list a fronted registry to everyone, each seeing exactly what they may pull', async () => {
      await setFronted(true);
      try {
        const listing = async (authorization: string | undefined) =>
          (await everything(await tokenOf(authorization, 'registry:catalog:*'), 100)).names;
        expect(await listing(basicAuthorization('alice:alice-password'))).toEqual(ALL);
        expect(await listing(basicAuthorization('bob:bob-password'))).toEqual(
          ALL.filter((name) => name !== 'users/alice/tool'),
        );
        expect(await listing(basicAuthorization('carol:carol-password'))).toEqual(PUBLIC);
        expect(await listing(undefined)).toEqual(PUBLIC);
      } finally {
        await setFronted(false);
      }
    });

    it.each([
      ['n=ten', 67],
      ['n=-5', 67],
      ['n=5&n=6', 5],
      [`last=${'z'.repeat(10_000)}`, 0],
      ['last=a&last=b', 67],
      ['last=%00', 67],
    ])('should answer odd paging (%s) as distribution does, never with a 5xx', async (query, count) => {
      const admin = await tokenOf(basicAuthorization(TEST_ADMIN), 'registry:catalog:*');
      const response = await catalog(`/v2/_catalog?${query}`, admin);
      expect(response.status).toBe(200);
      const { repositories } = (await response.json()) as { repositories: string[] };
      // distribution's default page is 100, more than this registry holds.
      expect(repositories).toHaveLength(count);
    });

    it('should hold personal access tokens to their limits: another registry none, read-only all it may pull', async () => {
      await setFronted(true);
      try {
        const alice = await portcullis.apiHeaders('alice', 'alice-password');
        const pat = async (body: Record<string, unknown>) =>
          (
            (await (
              await fetch(`${portcullis.url}/api/v1/access-tokens`, {
                method: 'POST',
                headers: alice,
                body: JSON.stringify(body),
              })
            ).json()) as { token: string }
          ).token;
        const elsewhere = await pat({ name: 'elsewhere', registries: ['other-catalog.test'] });
        const refused = await tokenOf(basicAuthorization(`alice:${elsewhere}`), 'registry:catalog:*');
        expect((await catalog('/v2/_catalog', refused)).headers.get('www-authenticate')).toBe(
          CHALLENGE('insufficient_scope'),
        );
        const readOnly = await pat({ name: 'read-only', readOnly: true });
        const listed = await tokenOf(basicAuthorization(`alice:${readOnly}`), 'registry:catalog:*');
        expect((await everything(listed, 100)).names).toEqual(ALL);
      } finally {
        await setFronted(false);
      }
    });

    it("should answer any query, registry and credentials on the front's routes with a 2xx or 4xx, never a 5xx", async () => {
      const admin = await tokenOf(basicAuthorization(TEST_ADMIN), 'registry:catalog:*');
      const text = fc.string({ unit: 'binary', maxLength: 40 });
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('/v2/_catalog', '/v1/search'),
          fc.array(fc.tuple(fc.constantFrom('n', 'last', 'q', 'x'), text), { maxLength: 4 }),
          fc.option(fc.oneof(fc.constant(SERVICE), fc.constant('nowhere.test'), text), { nil: undefined }),
          fc.option(
            fc.oneof(
              fc.constant(`Bearer ${admin}`),
              fc.constant('Basic Og=='),
              text.map((t) => `Bearer ${t}`),
              text.map((t) => `Basic ${Buffer.from(t).toString('base64')}`),
              text,
            ),
            { nil: undefined },
          ),
          async (path, pairs, front, authorization) => {
            const query = new URLSearchParams(pairs);
            const headers: Record<string, string> = {};
            // Header values must be ByteStrings without line breaks: what a client can send at all.
            const sendable = (value: string) => /^[\x20-\x7e]*$/.test(value);
            if (front !== undefined && sendable(front)) headers['x-portcullis-registry'] = front;
            if (authorization !== undefined && sendable(authorization)) headers.authorization = authorization;
            const response = await fetch(`${portcullis.url}${path}?${query.toString()}`, { headers });
            await response.arrayBuffer();
            expect(response.status).toBeLessThan(500);
          },
        ),
        { numRuns: 150 },
      );
    }, 120_000);

    it("should page with the registry's n, last and relative Link", async () => {
      const admin = await tokenOf(basicAuthorization(TEST_ADMIN), 'registry:catalog:*');
      const { names, links } = await everything(admin, 7);
      expect(names).toEqual(ALL);
      expect(links[0]).toBe(`</v2/_catalog?last=${encodeURIComponent(ALL[6]!)}&n=7>; rel="next"`);
      expect(links).toHaveLength(Math.ceil(ALL.length / 7) - (ALL.length % 7 === 0 ? 0 : 1));
      const after = await catalog(`/v2/_catalog?n=2&last=${encodeURIComponent('library/tool')}`, admin);
      expect(await after.json()).toEqual({ repositories: ['public/manyzz', 'public/tool'] });
      const none = await catalog('/v2/_catalog?n=0', admin);
      expect(await none.json()).toEqual({ repositories: [] });
      expect(none.headers.get('link')).toBeNull();
      const tooMany = await catalog('/v2/_catalog?n=1001', admin);
      expect(tooMany.status).toBe(400);
      expect(await tooMany.json()).toMatchObject({ errors: [{ code: 'PAGINATION_NUMBER_INVALID' }] });
    });

    it("should answer podman's credential-less /v1/search through a front with 401, so it reads the catalog", async () => {
      const response = await fetch(`${portcullis.url}/v1/search?q=tool&n=25`, {
        headers: { 'x-portcullis-registry': SERVICE },
      });
      expect(response.status).toBe(401);
      // docker over https always sends Basic, Og== when signed out: answered as before.
      const docker = await fetch(`${portcullis.url}/v1/search?q=tool&n=25`, {
        headers: { 'x-portcullis-registry': SERVICE, authorization: 'Basic Og==' },
      });
      expect(docker.status).toBe(200);
    });
  });
});
