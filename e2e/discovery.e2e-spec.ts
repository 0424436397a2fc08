import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  OciImage,
  RegistryServer,
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  credsFlag,
  notificationAuthorizationOf,
  pushEvent,
  pushWithToken,
  skopeo,
  startPortcullis,
  startRegistry,
  writeOciImage,
} from '@portcullis/testing';
import { freePort } from '../apps/api/src/common/free-port';

interface Repository {
  name: string;
  pullCount: number;
  tags: { name: string; digest: string; created: string | null; size: number }[];
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Discovery with the real registry', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let notified: RegistryServer;
  let quiet: RegistryServer;
  let image: OciImage;
  let other: OciImage;
  let port: string;
  let ids: Record<string, number>;
  let notificationSecret: string;

  const api = async (path: string, init: RequestInit = {}, user = 'admin', password = TEST_ADMIN_PASSWORD) =>
    fetch(`${portcullis.url}/api/v1${path}`, { ...init, headers: await portcullis.apiHeaders(user, password) });
  const repositories = async (
    registry: string,
    q?: string,
    user?: string,
    password?: string,
  ): Promise<Repository[]> => {
    const response = await api(
      `/registries/${ids[registry]}/repositories${q ? `?q=${encodeURIComponent(q)}` : ''}`,
      {},
      user,
      password,
    );
    return ((await response.json()) as { items: Repository[] }).items;
  };
  const push = (target: RegistryServer, repository: string, from = image) =>
    skopeo([
      'copy',
      '--dest-tls-verify=false',
      ...credsFlag('dest', TEST_ADMIN),
      `oci:${from.dir}:${from.tag}`,
      `docker://${target.host}/${repository}`,
    ]);

  const start = () =>
    startPortcullis({ DATABASE_URL: db.url, PORT: port, DATA_DIR: portcullis?.dataDir ?? '', DISCOVERY_INTERVAL: '2' });

  beforeAll(async () => {
    db = await createTestDatabase();
    port = String(await freePort());
    portcullis = await startPortcullis({ DATABASE_URL: db.url, PORT: port });
    const [notifiedPort, quietPort] = [await freePort(), await freePort()];
    const yaml = `
groups: [{ name: dev }, { name: ops }, { name: qa }]
users:
  - { name: alice, password: alice-password, groups: [dev], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: bob, password: bob-password, groups: [ops], privileges: [DockerRegistriesPuller] }
  - { name: carol, password: carol-password, groups: [qa], privileges: [DockerRegistriesPuller] }
registries:
  - { service: "localhost:${notifiedPort}", url: "http://localhost:${notifiedPort}", publications: [dev, ops], responsibles: [ops], anonymousPull: ["public/**"] }
  - { service: "localhost:${quietPort}", url: "http://localhost:${quietPort}", publications: [dev, ops], responsibles: [ops] }
`;
    expect((await api('/config/apply', { method: 'POST', body: JSON.stringify({ yaml }) })).status).toBe(200);
    const { items: list } = (await (await api('/registries')).json()) as { items: { id: number; service: string }[] };
    ids = {
      notified: list.find((r) => r.service === `localhost:${notifiedPort}`)!.id,
      quiet: list.find((r) => r.service === `localhost:${quietPort}`)!.id,
    };
    // The registry runs with the notifications section of the config.yml Portcullis generates.
    const generated = (await (await api(`/registries/${ids.notified}/config`)).json()) as {
      configYml: string;
      nginxConf: string;
    };
    const config = parse(generated.configYml) as {
      notifications: { endpoints: { headers: { Authorization: string[] } }[] };
    };
    notificationSecret = notificationAuthorizationOf(generated.configYml).slice('Bearer '.length);
    const trust = {
      realm: `${portcullis.url}/token`,
      issuer: 'portcullis',
      rootCertBundle: await (await fetch(`${portcullis.url}/token/certs`)).text(),
    };
    notified = await startRegistry({ ...trust, port: notifiedPort, notifications: config.notifications });
    // It serves catalog pages of at most 100 names, fewer than a crawl asks for.
    quiet = await startRegistry({ ...trust, port: quietPort, deleteEnabled: false, catalogMaxEntries: 100 });
    image = await writeOciImage(await mkdtemp(join(tmpdir(), 'portcullis-image-')), { tag: 'v1' });
    other = await writeOciImage(await mkdtemp(join(tmpdir(), 'portcullis-image-')), {
      tag: 'v1',
      files: { 'other.txt': 'other' },
    });
  });

  afterAll(async () => {
    await notified?.stop();
    await quiet?.stop();
    await portcullis?.close();
    await db?.drop();
  });

  it('should render a config.yml with token auth, notifications and deletion, and an nginx.conf', async () => {
    const { configYml, nginxConf } = (await (await api(`/registries/${ids.notified}/config`)).json()) as {
      configYml: string;
      nginxConf: string;
    };
    const config = parse(configYml) as {
      auth: { token: Record<string, string> };
      storage: { delete: { enabled: boolean } };
      notifications: { endpoints: Record<string, unknown>[] };
    };
    expect(config.auth.token).toMatchObject({
      realm: `${portcullis.url}/token`,
      service: notified.host,
      issuer: 'portcullis',
    });
    expect(config.storage.delete.enabled).toBe(true);
    expect(config.notifications.endpoints[0]).toMatchObject({
      url: `${portcullis.url}/registry/events`,
      timeout: '1s',
    });
    for (const path of ['/v1/_ping', '/v1/search'])
      expect(nginxConf).toContain(`location = ${path} {\n            proxy_pass ${portcullis.url}${path};`);
    expect(nginxConf).toContain(`proxy_pass ${portcullis.url}/v2/_catalog;`);
    expect((await api(`/registries/${ids.notified}/config`, {}, 'alice', 'alice-password')).status).toBe(403);
  });

  it('should show a pushed image in the catalog within 2 s, through notifications', async () => {
    expect(await push(notified, 'users/admin/fresh:v1')).toMatchObject({ code: 0 });
    // Timed from the end of the push: the registry notifies after it answered the last PUT.
    const repository = await until('the pushed tag', 2000, async () => (await repositories('notified', 'fresh'))[0]);
    expect(repository.tags).toEqual([expect.objectContaining({ name: 'v1', digest: image.manifestDigest })]);
    // The details a push event lacks are read from the registry right after.
    const enriched = await until('the config details', 5000, async () => {
      const tag = (await repositories('notified', 'fresh'))[0]?.tags[0];
      return tag?.created ? tag : undefined;
    });
    expect(enriched.created).toBe('2026-01-01T00:00:00.000Z');
  });

  it('should count pulls from notifications, not its own reads', async () => {
    expect(await push(notified, 'apps/counted:v1')).toMatchObject({ code: 0 });
    await until('the repository', 2000, async () => (await repositories('notified', 'counted'))[0]);
    const dir = await mkdtemp(join(tmpdir(), 'portcullis-pulled-'));
    expect(
      await skopeo([
        'copy',
        '--src-tls-verify=false',
        ...credsFlag('src', TEST_ADMIN),
        `docker://${notified.host}/apps/counted:v1`,
        `oci:${dir}:x`,
      ]),
    ).toMatchObject({ code: 0 });
    const counted = await until('the pull', 2000, async () => {
      const repository = (await repositories('notified', 'counted'))[0];
      return repository && repository.pullCount > 0 ? repository : undefined;
    });
    expect(counted.pullCount).toBe(1);
    await api(`/registries/${ids.notified}/discover`, { method: 'POST' });
    expect((await repositories('notified', 'counted'))[0]?.pullCount).toBe(1);
  });

  it("should chart each day's notified pushes and pulls", async () => {
    const response = await api(`/registries/${ids.notified}/activity?days=7`);
    expect(response.status).toBe(200);
    const activity = (await response.json()) as { days: { day: string; pushes: number; pulls: number }[] };
    expect(activity.days.map((d) => d.day)).toEqual(
      Array.from({ length: 7 }, (_, i) => new Date(Date.now() - (6 - i) * 86_400_000).toISOString().slice(0, 10)),
    );
    // Today: the pushes of the tests above (fresh, counted) and the one pull; earlier days: nothing.
    expect(activity.days.at(-1)).toMatchObject({ pushes: expect.any(Number), pulls: 1 });
    expect(activity.days.at(-1)!.pushes).toBeGreaterThanOrEqual(2);
    expect(activity.days.slice(0, -1).every((d) => d.pushes === 0 && d.pulls === 0)).toBe(true);
    expect((await api(`/registries/${ids.notified}/activity?days=0`)).status).toBe(400);
  });

  it('should crawl incrementally: nothing is read again when nothing changed', async () => {
    await api(`/registries/${ids.notified}/discover`, { method: 'POST' });
    const second = (await (await api(`/registries/${ids.notified}/discover`, { method: 'POST' })).json()) as {
      ok: boolean;
      fetched: number;
      repositories: number;
    };
    expect(second).toMatchObject({ ok: true, fetched: 0 });
    expect(second.repositories).toBeGreaterThanOrEqual(2);
  });

  it('should find an image written while Portcullis was down at the next crawl', async () => {
    const response = await fetch(
      `${portcullis.url}/token?service=${encodeURIComponent(quiet.host)}&scope=repository:users/admin/offline:pull,push`,
      {
        headers: { authorization: basicAuthorization(TEST_ADMIN) },
      },
    );
    const { token } = (await response.json()) as { token: string };
    await portcullis.close();
    await pushWithToken(quiet.url, 'users/admin/offline', 'v7', image, token);
    portcullis = await start();
    const found = await until('the offline image', 10_000, async () => {
      const repository = (await repositories('quiet', 'offline'))[0];
      return repository && repository.tags.length > 0 ? repository : undefined;
    });
    expect(found.tags).toEqual([expect.objectContaining({ name: 'v7', digest: image.manifestDigest })]);
    // What was known before the restart is still there.
    expect((await repositories('notified', 'fresh'))[0]?.tags[0]?.name).toBe('v1');
    // Back to on-demand crawls only, so later tests decide when the catalog is reconciled.
    await portcullis.close();
    portcullis = await startPortcullis({ DATABASE_URL: db.url, PORT: port, DATA_DIR: portcullis.dataDir });
  });

  it('should crawl a registry that refuses catalog pages as large as it asks for, in pages of its own size', async () => {
    const response = await fetch(
      `${portcullis.url}/token?service=${encodeURIComponent(quiet.host)}&scope=registry:catalog:*`,
      { headers: { authorization: basicAuthorization(TEST_ADMIN) } },
    );
    const { token } = (await response.json()) as { token: string };
    const refused = await fetch(`${quiet.url}/v2/_catalog?n=1000`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(400);
    const result = (await (await api(`/registries/${ids.quiet}/discover`, { method: 'POST' })).json()) as {
      ok: boolean;
      repositories: number;
    };
    expect(result).toMatchObject({ ok: true, repositories: 1 });
  });

  it('should mark a registry that is down, keep its catalog, and say why', async () => {
    await quiet.stop();
    const result = (await (await api(`/registries/${ids.quiet}/discover`, { method: 'POST' })).json()) as {
      ok: boolean;
      error: string;
    };
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/localhost/);
    const registry = (await (await api(`/registries/${ids.quiet}`)).json()) as Record<string, unknown>;
    expect(registry).toMatchObject({
      discoveryState: 'down',
      lastDiscoveryError: expect.stringMatching(/ECONNREFUSED|connect/),
    });
    expect((await repositories('quiet', 'offline'))[0]?.tags).toHaveLength(1);
    quiet = await startRegistry({
      realm: `${portcullis.url}/token`,
      issuer: 'portcullis',
      rootCertBundle: await (await fetch(`${portcullis.url}/token/certs`)).text(),
      port: Number(quiet.host.split(':')[1]),
      storageDir: join(quiet.dir, 'storage'),
      deleteEnabled: false,
      catalogMaxEntries: 100,
    });
  });

  it('should delete a tag through the API, refusing first when other tags share its digest', async () => {
    expect(await push(notified, 'apps/doomed:v1')).toMatchObject({ code: 0 });
    expect(await push(notified, 'apps/doomed:v2')).toMatchObject({ code: 0 });
    expect(await push(notified, 'apps/doomed:v3', other)).toMatchObject({ code: 0 });
    await until('three tags', 2000, async () =>
      (await repositories('notified', 'doomed'))[0]?.tags.length === 3 ? true : undefined,
    );
    const path = `/registries/${ids.notified}/repositories/${encodeURIComponent('apps/doomed')}/tags`;

    const refused = await api(`${path}/v1`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toMatch(/v2 also points to.*force=true/);

    const deleted = await api(`${path}/v1?force=true`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ digest: image.manifestDigest, tags: ['v1', 'v2'] });
    const inspect = await skopeo([
      'inspect',
      '--tls-verify=false',
      ...credsFlag('', TEST_ADMIN),
      `docker://${notified.host}/apps/doomed:v1`,
    ]);
    expect(inspect.code).not.toBe(0);
    expect((await repositories('notified', 'doomed'))[0]?.tags.map((t) => t.name)).toEqual(['v3']);
  });

  it('should delete a whole repository', async () => {
    expect(await push(notified, 'apps/gone:v1')).toMatchObject({ code: 0 });
    expect(await push(notified, 'apps/gone:v2', other)).toMatchObject({ code: 0 });
    await until('two tags', 2000, async () =>
      (await repositories('notified', 'apps/gone'))[0]?.tags.length === 2 ? true : undefined,
    );
    const response = await api(`/registries/${ids.notified}/repositories/${encodeURIComponent('apps/gone')}`, {
      method: 'DELETE',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { tags: string[] }[]).flatMap((d) => d.tags).sort()).toEqual(['v1', 'v2']);
    expect(await repositories('notified', 'apps/gone')).toEqual([]);
    for (const tag of ['v1', 'v2']) {
      const inspect = await skopeo([
        'inspect',
        '--tls-verify=false',
        ...credsFlag('', TEST_ADMIN),
        `docker://${notified.host}/apps/gone:${tag}`,
      ]);
      expect(inspect.code).not.toBe(0);
    }
  });

  it('should tell the operator to enable deletion when the registry refuses it', async () => {
    await api(`/registries/${ids.quiet}/discover`, { method: 'POST' });
    const response = await api(
      `/registries/${ids.quiet}/repositories/${encodeURIComponent('users/admin/offline')}/tags/v7`,
      { method: 'DELETE' },
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      code: 'REGISTRY_DELETE_DISABLED',
      message: expect.stringContaining('storage.delete.enabled'),
    });
  });

  it('should list only what the caller may pull', async () => {
    expect(await push(notified, 'public/tools/jq:v1')).toMatchObject({ code: 0 });
    expect(await push(notified, 'library/busybox:v1')).toMatchObject({ code: 0 });
    await until('the images', 2000, async () =>
      (await repositories('notified', 'busybox'))[0] && (await repositories('notified', 'jq'))[0] ? true : undefined,
    );
    const names = async (user: string, password: string) =>
      (await repositories('notified', undefined, user, password)).map((r) => r.name).sort();
    const everything = await names('admin', TEST_ADMIN_PASSWORD);
    expect(everything).toEqual(
      expect.arrayContaining(['apps/counted', 'library/busybox', 'public/tools/jq', 'users/admin/fresh']),
    );
    // bob: ops, a puller on a registry published to ops; no app "counted", not admin's home.
    expect(await names('bob', 'bob-password')).toEqual(['library/busybox', 'public/tools/jq']);
    // carol: qa, to which the registry is not published: public paths only.
    expect(await names('carol', 'carol-password')).toEqual(['public/tools/jq']);
  });

  it('should describe, star and detail a repository', async () => {
    expect(await push(notified, 'library/described:v1')).toMatchObject({ code: 0 });
    await until('the repository', 2000, async () => (await repositories('notified', 'described'))[0]);
    const path = `/registries/${ids.notified}/repositories/${encodeURIComponent('library/described')}`;
    const patch = (user: string, password: string) =>
      api(
        path,
        { method: 'PATCH', body: JSON.stringify({ description: 'A described image', official: true }) },
        user,
        password,
      );
    // bob is in ops, the registry's responsible group; alice is not.
    expect((await patch('alice', 'alice-password')).status).toBe(403);
    expect(await (await patch('bob', 'bob-password')).json()).toMatchObject({
      description: 'A described image',
      official: true,
    });
    expect(await (await api(`${path}/star`, { method: 'PUT' }, 'bob', 'bob-password')).json()).toEqual({
      starred: true,
      starCount: 1,
    });
    expect(await (await api(`${path}/star`, { method: 'PUT' }, 'bob', 'bob-password')).json()).toEqual({
      starred: true,
      starCount: 1,
    });
    expect(await (await api(`${path}/star`, { method: 'PUT' }, 'alice', 'alice-password')).json()).toEqual({
      starred: true,
      starCount: 2,
    });
    expect(await (await api(`${path}/star`, { method: 'DELETE' }, 'alice', 'alice-password')).json()).toEqual({
      starred: false,
      starCount: 1,
    });
    // carol may not pull it: for her it does not exist.
    expect((await api(`${path}/star`, { method: 'PUT' }, 'carol', 'carol-password')).status).toBe(404);
    const search = (await (
      await fetch(`${portcullis.url}/v1/search?q=described`, {
        headers: { authorization: basicAuthorization('bob:bob-password') },
      })
    ).json()) as {
      results: unknown[];
    };
    expect(search.results).toEqual([
      {
        name: 'library/described',
        description: 'A described image',
        star_count: 1,
        is_official: true,
        is_automated: false,
      },
    ]);
    const tag = await until('the tag details', 5000, async () => {
      const detail = (await (await api(`${path}/tags/v1`)).json()) as { layers: unknown[]; history: unknown[] };
      return detail.layers.length > 0 ? detail : undefined;
    });
    expect(tag).toMatchObject({
      digest: image.manifestDigest,
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' }],
      history: [{ created_by: 'portcullis test image' }],
    });
  });

  describe('the notification endpoint', () => {
    const batch = (suffix: string) => ({
      events: [
        {
          id: `push-${suffix}`,
          timestamp: '2026-11-23T10:00:00Z',
          action: 'push',
          target: {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            size: 500,
            digest: `sha256:${'a'.repeat(64)}`,
            repository: 'replay/app',
            tag: 'v1',
          },
          request: { method: 'PUT' },
          actor: { name: 'admin' },
          extra: { unknown: true },
        },
        {
          id: `pull-${suffix}`,
          action: 'pull',
          target: {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: `sha256:${'a'.repeat(64)}`,
            repository: 'replay/app',
            tag: 'v1',
          },
          request: { method: 'GET' },
          actor: { name: 'bob' },
        },
        {
          id: `blob-${suffix}`,
          action: 'pull',
          target: {
            mediaType: 'application/octet-stream',
            digest: `sha256:${'b'.repeat(64)}`,
            repository: 'replay/app',
          },
          request: { method: 'GET' },
        },
        { id: `odd-${suffix}`, action: 'teleport', target: { repository: 'replay/app' } },
        { id: `bad-${suffix}`, action: 'push', target: { repository: 'Not A Name', tag: 'v1' } },
        'not an event',
      ],
    });
    const send = (
      body: unknown,
      secret = notificationSecret,
      contentType = 'application/vnd.docker.distribution.events.v2+json',
    ) =>
      fetch(`${portcullis.url}/registry/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': contentType },
        body: JSON.stringify(body),
      });

    it('should leave the same state after the same batch three times', async () => {
      const first = await send(batch('r1'));
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ received: 6, applied: 2, duplicates: 0, ignored: 4 });
      const state = async () =>
        (await repositories('notified', 'replay')).map((r) => ({ ...r, tags: r.tags.map((t) => ({ ...t })) }));
      const after = await state();
      expect(after[0]).toMatchObject({ name: 'replay/app', pullCount: 1, tags: [{ name: 'v1', size: 500 }] });
      for (let i = 0; i < 2; i++) {
        const again = await send(batch('r1'), notificationSecret, 'application/vnd.docker.distribution.events.v1+json');
        expect(await again.json()).toMatchObject({ applied: 0, duplicates: 2 });
      }
      expect(await state()).toEqual(after);
    });

    it('should keep a sha512 manifest digest', async () => {
      const digest = `sha512:${'d'.repeat(128)}`;
      const push = pushEvent('sha512-push', 'replay/long', 'v1', digest);
      expect(await (await send({ events: [push] })).json()).toMatchObject({ applied: 1 });
      expect((await repositories('notified', 'replay/long'))[0]?.tags[0]?.digest).toBe(digest);
    });

    it('should apply deletes, also when events come out of order', async () => {
      const digest = `sha256:${'c'.repeat(64)}`;
      const push = pushEvent('order-push', 'replay/order', 'v1', digest);
      const deleteByDigest = { id: 'order-delete', action: 'delete', target: { digest, repository: 'replay/order' } };
      expect((await send({ events: [deleteByDigest] })).status).toBe(200);
      expect((await send({ events: [push] })).status).toBe(200);
      expect((await send({ events: [deleteByDigest] })).status).toBe(200);
      // The delete came first and was applied once; the crawl, not a replay, settles what the registry holds.
      expect((await repositories('notified', 'replay/order'))[0]?.tags).toHaveLength(1);
      await api(`/registries/${ids.notified}/discover`, { method: 'POST' });
      expect(await repositories('notified', 'replay/order')).toEqual([]);
    });

    it.each([
      ['no secret', ''],
      ['a forged secret', `${'1'}.${'A'.repeat(43)}`],
      ['garbage', 'x'],
    ])('should refuse %s', async (_, secret) => {
      const response = await send(batch('x'), secret);
      expect(response.status).toBe(401);
      // In the registry's error shape, as every answer of this endpoint.
      expect(await response.json()).toEqual({ errors: [{ code: 'UNAUTHORIZED', message: expect.any(String) }] });
    });

    it('should refuse a body that is not JSON with a 400', async () => {
      const response = await fetch(`${portcullis.url}/registry/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${notificationSecret}`,
          'content-type': 'application/vnd.docker.distribution.events.v1+json',
        },
        body: '{not json',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: [{ code: 'INVALID_REQUEST', message: expect.any(String) }] });
    });

    it('should refuse a JSON body with a NUL in the registry error shape', async () => {
      const response = await send(
        { events: [{ id: 'nul\u0000', action: 'push' }] },
        notificationSecret,
        'application/json',
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: [{ code: 'VALIDATION_FAILED', message: expect.any(String) }] });
    });
  });

  it('should trust a notifying registry on scheduled crawls, find what it failed to notify, and repair all on demand', async () => {
    type Crawl = { ok: boolean; mode: string; light: boolean; repositories: number; verified: number };
    const crawl = async (registry: string, mode?: string): Promise<Crawl> =>
      (await (
        await api(`/registries/${ids[registry]}/discover${mode ? `?mode=${mode}` : ''}`, { method: 'POST' })
      ).json()) as Crawl;
    // Crawls on a schedule (hourly, so that the test decides when they run) and every repository
    // re-read at least every 30 hours: the schedule's crawls read one repository in thirty.
    await portcullis.close();
    portcullis = await startPortcullis({
      DATABASE_URL: db.url,
      PORT: port,
      DATA_DIR: portcullis.dataDir,
      DISCOVERY_INTERVAL: '3600',
      DISCOVERY_VERIFY_INTERVAL: String(30 * 3600),
    });
    // Everything read once, then the schedule's crawl reads only the least recently read slice.
    const full = await crawl('notified');
    expect(full).toMatchObject({ ok: true, mode: 'full', light: false });
    expect(full.verified).toBe(full.repositories);
    const due = await crawl('notified', 'due');
    expect(due).toMatchObject({ ok: true, mode: 'due', light: true, verified: Math.ceil(full.repositories / 30) });
    // A registry whose notifications never arrived is read in full by the schedule too.
    const quietCrawl = await crawl('quiet', 'due');
    expect(quietCrawl).toMatchObject({ ok: true, light: false });
    expect(quietCrawl.verified).toBe(quietCrawl.repositories);
    expect((await api(`/registries/${ids.notified}/discover?mode=sometimes`, { method: 'POST' })).status).toBe(400);

    // The registry's notifications stop reaching Portcullis (its secret changed, the registry
    // still sends the old one): a new repository and a re-tagged one go unnotified.
    expect(
      (await api(`/registries/${ids.notified}/config/rotate-notification-secret`, { method: 'POST' })).status,
    ).toBe(200);
    expect(await push(notified, 'apps/unnotified:v1')).toMatchObject({ code: 0 });
    expect(await push(notified, 'apps/unnotified:v2', other)).toMatchObject({ code: 0 });
    expect(await push(notified, 'users/admin/fresh:v1', other)).toMatchObject({ code: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await repositories('notified', 'unnotified')).toEqual([]);
    // The schedule's crawl reads repositories it does not know.
    const next = await crawl('notified', 'due');
    expect(next).toMatchObject({ ok: true, light: true });
    expect(next.verified).toBeLessThan(next.repositories);
    expect((await repositories('notified', 'unnotified'))[0]?.tags.map((t) => t.name)).toEqual(['v1', 'v2']);
    // A full crawl reads every repository's tags: the re-tagged one, and a tag removed from the
    // registry's storage behind its back.
    const stored = join(notified.dir, 'storage', 'docker', 'registry', 'v2', 'repositories');
    await rm(join(stored, 'apps', 'unnotified', '_manifests', 'tags', 'v2'), { recursive: true });
    await crawl('notified');
    expect((await repositories('notified', 'users/admin/fresh'))[0]?.tags[0]?.digest).toBe(other.manifestDigest);
    expect((await repositories('notified', 'unnotified'))[0]?.tags.map((t) => t.name)).toEqual(['v1']);
    // A repository the catalog no longer lists is gone after the next crawl, light or not.
    await rm(join(stored, 'apps', 'unnotified'), { recursive: true });
    expect(await crawl('notified', 'due')).toMatchObject({ ok: true, light: true });
    expect(await repositories('notified', 'unnotified')).toEqual([]);
  });
});
