import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  notificationAuthorizationOf,
  notify,
  pushEvent,
  startPortcullis,
} from '@portcullis/testing';

/**
 * Registries that misbehave, served by a small HTTP server on loopback: the real registry cannot
 * be made to answer garbage, loop redirects or send a 10 MB tag list. Each behaviour lives under
 * its own path prefix, which is part of the declared registry URL.
 */
function misbehave(request: IncomingMessage, response: ServerResponse): void {
  const [, behaviour, ...rest] = (request.url ?? '').split('/');
  const url = new URL(`/${rest.join('/')}`, 'http://registry');
  const path = url.pathname;
  const last = url.searchParams.get('last');
  const json = (body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  if (path.startsWith('/v2/_catalog')) {
    switch (behaviour) {
      case 'garbage':
        response.writeHead(200, { 'content-type': 'application/json' });
        return void response.end('<html>surprise</html>');
      case 'loop':
        response.writeHead(302, { location: request.url });
        return void response.end();
      case 'error':
        response.writeHead(500);
        return void response.end('boom');
      case 'paged':
        // distribution's paging: a relative Link to the next page, and a last Link to an empty page.
        if (last === null)
          return json({ repositories: ['paged/a'] }, { link: '</v2/_catalog?last=paged%2Fa&n=1>; rel="next"' });
        if (last === 'paged/a')
          return json({ repositories: ['paged/b'] }, { link: '</v2/_catalog?last=paged%2Fb&n=1>; rel="next"' });
        return json({ repositories: [] });
      default:
        return json({ repositories: [`${behaviour}/app`, 'NOT A NAME', 42] });
    }
  }
  if (path.endsWith('/tags/list')) {
    if (behaviour === 'huge') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify({ tags: Array.from({ length: 700_000 }, (_, i) => `tag-number-${i}`) }));
    }
    if (behaviour === 'badtags') return json({ tags: 'v1' });
    if (behaviour === 'paged') {
      const repository = path.slice('/v2/'.length, -'/tags/list'.length);
      if (last === null)
        return json({ tags: ['v1'] }, { link: `</v2/${repository}/tags/list?last=v1&n=1>; rel="next"` });
      return json({ tags: ['v2'] });
    }
    return json({ name: `${behaviour}/app`, tags: ['v1', '../../etc/passwd'] });
  }
  if (path.includes('/manifests/')) {
    const digest = `sha256:${'f'.repeat(64)}`;
    const headers = { 'docker-content-digest': digest, 'content-type': 'application/x-strange-manifest' };
    if (request.method === 'HEAD') {
      response.writeHead(200, headers);
      return void response.end();
    }
    return json({ something: ['unexpected'], layers: 'many' }, headers);
  }
  response.writeHead(404);
  response.end();
}

describe('Discovery against misbehaving registries', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let server: Server;
  let base: string;
  const ids: Record<string, number> = {};

  const api = async (path: string, init: RequestInit = {}) =>
    fetch(`${portcullis.url}/api/v1${path}`, {
      ...init,
      headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
    });
  const discover = async (name: string) =>
    (await (await api(`/registries/${ids[name]}/discover`, { method: 'POST' })).json()) as {
      ok: boolean;
      error?: string;
      tags: number;
      repositories: number;
    };

  beforeAll(async () => {
    server = createServer(misbehave);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url, REGISTRY_TIMEOUT: '5' });
    const behaviours = ['garbage', 'loop', 'error', 'huge', 'badtags', 'odd', 'paged'];
    const yaml = `registries:\n${behaviours.map((b) => `  - { service: ${b}.test, url: "${base}/${b}" }`).join('\n')}\n`;
    expect((await api('/config/apply', { method: 'POST', body: JSON.stringify({ yaml }) })).status).toBe(200);
    const { items } = (await (await api('/registries')).json()) as { items: { id: number; service: string }[] };
    for (const registry of items) {
      ids[registry.service.replace('.test', '')] = registry.id;
    }
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ['garbage', /not JSON/],
    ['loop', /more than 5 redirects/],
    ['error', /HTTP 500$/],
    ['huge', /larger than 8388608 bytes/],
    ['badtags', /no "tags" list/],
  ])('should survive a registry answering %s, mark it down and say why', async (behaviour, reason) => {
    const result = await discover(behaviour);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(reason);
    const registry = (await (await api(`/registries/${ids[behaviour]}`)).json()) as Record<string, unknown>;
    expect(registry).toMatchObject({ discoveryState: 'down', lastDiscoveryError: expect.stringMatching(reason) });
    expect((await api('/health')).status).toBe(200);
  });

  it('should keep what it knew when the registry starts answering garbage', async () => {
    const registry = (await (await api(`/registries/${ids.garbage}/config`)).json()) as { configYml: string };
    const secret = notificationAuthorizationOf(registry.configYml);
    await notify(portcullis.url, secret, [pushEvent('known-1', 'known/app', 'v1', `sha256:${'1'.repeat(64)}`)]);
    expect((await discover('garbage')).ok).toBe(false);
    const page = (await (await api(`/registries/${ids.garbage}/repositories`)).json()) as { items: { name: string }[] };
    expect(page.items.map((r) => r.name)).toEqual(['known/app']);
  });

  it('should keep manifests of unknown media types, skipping names and tags that cannot be real', async () => {
    const result = await discover('odd');
    expect(result).toMatchObject({ ok: true, repositories: 1, tags: 1 });
    const page = (await (await api(`/registries/${ids.odd}/repositories`)).json()) as {
      items: { name: string; tags: { name: string; mediaType: string }[] }[];
    };
    expect(page.items).toEqual([
      expect.objectContaining({
        name: 'odd/app',
        tags: [expect.objectContaining({ name: 'v1', mediaType: 'application/x-strange-manifest' })],
      }),
    ]);
  });

  it('should follow Link headers through paged catalogs and tag lists', async () => {
    expect(await discover('paged')).toMatchObject({ ok: true, repositories: 2, tags: 4 });
    const page = (await (await api(`/registries/${ids.paged}/repositories`)).json()) as {
      items: { name: string; tags: { name: string }[] }[];
    };
    expect(page.items.map((r) => [r.name, r.tags.map((t) => t.name)])).toEqual([
      ['paged/a', ['v1', 'v2']],
      ['paged/b', ['v1', 'v2']],
    ]);
  });
});
