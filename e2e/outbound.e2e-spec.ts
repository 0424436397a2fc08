import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type CaptureServer,
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  decodeJwt,
  notificationAuthorizationOf,
  notify,
  pushEvent,
  startCaptureServer,
  startPortcullis,
} from '@portcullis/testing';
import { DiscoveryService } from '../apps/api/src/discovery/discovery.service';

/**
 * What Portcullis sends when it calls a registry with its own tokens (discovery, tag deletion,
 * reading pushed tags): only to an endpoint an admin set or approved, only within its origin, never
 * to a denied network, each token for one request's repository and actions. The registries here
 * are servers of an attacker's: they answer like a registry and record what reached them.
 */

const DIGEST = `sha256:${'c'.repeat(64)}`;

/** Answers like a registry whose catalog lists another user's private repository. */
function registryLike(request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  const json = (body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    response.end(request.method === 'HEAD' ? undefined : JSON.stringify(body));
  };
  if (path === '/v2/_catalog') return json({ repositories: ['users/bob/private'] });
  if (path.endsWith('/tags/list')) return json({ name: 'users/bob/private', tags: ['v1'] });
  if (path.includes('/manifests/')) {
    return json(
      { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [] },
      { 'docker-content-digest': DIGEST, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    );
  }
  if (request.method === 'DELETE') {
    response.writeHead(202);
    return void response.end();
  }
  response.writeHead(404);
  response.end();
}

interface Registry {
  id: number;
  url: string;
  endpointApproved: boolean;
  endpointApprovedBy: string | null;
  discoveryState: string;
  lastDiscoveryError: string | null;
}

describe('Credentials Portcullis signs for itself, and where they go', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let admin: Record<string, string>;
  let responsible: Record<string, string>;
  let manager: Record<string, string>;
  let puller: Record<string, string>;
  const servers: CaptureServer[] = [];

  const capture = async (answer = registryLike) => {
    const server = await startCaptureServer(answer);
    servers.push(server);
    return server;
  };
  const call = (headers: Record<string, string>, path: string, method = 'GET', body?: unknown) =>
    fetch(`${portcullis.url}/api/v1${path}`, {
      method,
      headers: body === undefined ? { authorization: headers.authorization! } : headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const registry = async (headers: Record<string, string>, id: number) =>
    (await (await call(headers, `/registries/${id}`)).json()) as Registry;
  const declare = async (service: string, url: string) => {
    const yaml = `registries: [{ service: ${service}, url: "${url}", responsibles: [ops], publications: [readers] }]`;
    expect((await call(admin, '/config/apply', 'POST', { yaml })).status).toBe(200);
    const { items } = (await (await call(admin, `/registries?q=${service}`)).json()) as {
      items: { id: number; service: string }[];
    };
    return items.find((r) => r.service === service)!.id;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url, REGISTRY_TIMEOUT: '3' });
    admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const yaml = `
groups: [{ name: ops }, { name: readers }, { name: managers }]
users:
  - { name: resp, password: resp-password, groups: [ops, readers], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: manager, password: manager-password, groups: [managers], primaryGroup: managers, privileges: [DockerRegistriesManager, DockerRegistriesPuller] }
  - { name: puller, password: puller-password, groups: [readers], privileges: [DockerRegistriesPuller] }
  - { name: bob, password: bob-password, groups: [readers], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
`;
    expect((await call(admin, '/config/apply', 'POST', { yaml })).status).toBe(200);
    responsible = await portcullis.apiHeaders('resp', 'resp-password');
    manager = await portcullis.apiHeaders('manager', 'manager-password');
    puller = await portcullis.apiHeaders('puller', 'puller-password');
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
    for (const server of servers) await server.close();
  });

  it('should send nothing of its own to an address a responsible set, until an admin approves it', async () => {
    const approved = await capture();
    const id = await declare('victim.test', approved.url);
    expect(await registry(admin, id)).toMatchObject({ endpointApproved: true, endpointApprovedBy: 'admin' });
    // A repository in the catalog, as the registry's notification would put it there.
    const { configYml } = (await (await call(responsible, `/registries/${id}/config`)).json()) as { configYml: string };
    const secret = notificationAuthorizationOf(configYml);

    const attacker = await capture();
    const changed = await call(responsible, `/registries/${id}`, 'PATCH', { url: attacker.url });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ url: attacker.url, endpointApproved: false });

    // Every way Portcullis calls a registry: an on-demand crawl, a scheduled one, a tag deletion,
    // and the details of a pushed tag read after its notification.
    const discover = await call(responsible, `/registries/${id}/discover`, 'POST');
    expect(discover.status).toBe(409);
    expect(await discover.json()).toMatchObject({ code: 'REGISTRY_ENDPOINT_NOT_APPROVED' });
    await portcullis.app.get(DiscoveryService).crawlDue();
    expect((await notify(portcullis.url, secret, [pushEvent('p-1', 'library/tool', 'v1', DIGEST)])).status).toBe(200);
    const tag = await call(responsible, `/registries/${id}/repositories/library%2Ftool/tags/v1`, 'DELETE');
    expect(tag.status).toBe(409);
    expect(await tag.json()).toMatchObject({ code: 'REGISTRY_ENDPOINT_NOT_APPROVED' });
    await settle();
    expect(attacker.requests).toEqual([]);

    // Approving is an admin's: the responsible cannot.
    expect((await call(responsible, `/registries/${id}/approve-endpoint`, 'POST')).status).toBe(403);
    const approval = await call(admin, `/registries/${id}/approve-endpoint`, 'POST');
    expect(approval.status).toBe(200);
    expect(await approval.json()).toMatchObject({ endpointApproved: true, endpointApprovedBy: 'admin' });
    expect((await call(responsible, `/registries/${id}/discover`, 'POST')).status).toBe(200);
    expect(attacker.requests.length).toBeGreaterThan(0);
  });

  it('should sign each of its requests for that request alone, for a minute', async () => {
    const server = await capture();
    const id = await declare('scoped.test', server.url);
    expect((await call(admin, `/registries/${id}/discover`, 'POST')).status).toBe(200);
    const seen = server.requests.map((r) => {
      const { claims } = decodeJwt<{ access: unknown; exp: number; iat: number; aud: string; sub: string }>(
        r.authorization!.replace(/^Bearer /, ''),
      );
      return { method: r.method, path: r.url.split('?')[0], ...claims };
    });
    expect(seen.map((s) => [s.method, s.path, s.access])).toEqual([
      ['GET', '/v2/_catalog', [{ type: 'registry', name: 'catalog', actions: ['*'] }]],
      [
        'GET',
        '/v2/users/bob/private/tags/list',
        [{ type: 'repository', name: 'users/bob/private', actions: ['pull'] }],
      ],
      [
        'HEAD',
        '/v2/users/bob/private/manifests/v1',
        [{ type: 'repository', name: 'users/bob/private', actions: ['pull'] }],
      ],
      [
        'GET',
        `/v2/users/bob/private/manifests/${DIGEST}`,
        [{ type: 'repository', name: 'users/bob/private', actions: ['pull'] }],
      ],
    ]);
    for (const token of seen) {
      expect(token.exp - token.iat).toBeLessThanOrEqual(60);
      expect(token.aud).toBe('scoped.test');
    }
  });

  it("should leave a manager's new registry, and any endpoint a non-admin changes, awaiting approval", async () => {
    const server = await capture();
    const created = await call(manager, '/registries', 'POST', { service: 'managed.test', url: server.url });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as Registry;
    expect(await registry(manager, id)).toMatchObject({ endpointApproved: false, endpointApprovedBy: null });
    expect((await call(manager, `/registries/${id}/discover`, 'POST')).status).toBe(409);
    await portcullis.app.get(DiscoveryService).crawlDue();
    expect(server.requests).toEqual([]);

    expect((await call(admin, `/registries/${id}/approve-endpoint`, 'POST')).status).toBe(200);
    // Settings other than the endpoint keep the approval; `insecure` is part of the endpoint.
    await call(manager, `/registries/${id}`, 'PATCH', { restricted: true, url: server.url });
    expect((await registry(manager, id)).endpointApproved).toBe(true);
    await call(manager, `/registries/${id}`, 'PATCH', { insecure: true });
    expect((await registry(manager, id)).endpointApproved).toBe(false);
    // An admin's change of the endpoint approves it.
    await call(admin, `/registries/${id}`, 'PATCH', { insecure: false });
    expect((await registry(manager, id)).endpointApproved).toBe(true);
  });

  it('should refuse a redirect to another origin, sending it nothing', async () => {
    const elsewhere = await capture();
    const redirecting = await capture((request, response) => {
      response.writeHead(307, { location: `${elsewhere.url}${request.url}` });
      response.end();
    });
    const id = await declare('redirect.test', redirecting.url);
    const result = (await (await call(admin, `/registries/${id}/discover`, 'POST')).json()) as {
      ok: boolean;
      error: string;
    };
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/redirected to another origin/);
    expect(elsewhere.requests).toEqual([]);
  });

  it('should show why a crawl failed only to those who manage the registry, as a status and a short reason', async () => {
    const server = await capture((_, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ code: 'UNKNOWN', message: 'db password is hunter2' }] }));
    });
    const id = await declare('failing.test', server.url);
    expect((await call(admin, `/registries/${id}/discover`, 'POST')).status).toBe(200);
    expect((await registry(responsible, id)).lastDiscoveryError).toBe('GET /v2/_catalog: HTTP 500 UNKNOWN');
    expect(await registry(puller, id)).toMatchObject({ discoveryState: 'down', lastDiscoveryError: null });
    const list = (await (await call(puller, '/registries?q=failing')).json()) as { items: Registry[] };
    expect(list.items[0]).toMatchObject({ lastDiscoveryError: null, endpointApprovedBy: null });
  });

  it('should never connect to a network OUTBOUND_DENY names, by name or by address', async () => {
    const denying = await startPortcullis({
      DATABASE_URL: db.url,
      OUTBOUND_DENY: '127.0.0.0/8,::1/128',
      REGISTRY_TIMEOUT: '3',
    });
    try {
      const server = await capture();
      const headers = await denying.apiHeaders('admin', TEST_ADMIN_PASSWORD);
      for (const [service, url] of [
        ['by-address.test', server.url],
        ['by-name.test', `http://localhost:${server.port}`],
      ] as const) {
        const id = await declare(service, url);
        const result = (await (
          await fetch(`${denying.url}/api/v1/registries/${id}/discover`, { method: 'POST', headers })
        ).json()) as { ok: boolean; error: string };
        expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/OUTBOUND_DENY/) });
      }
      expect(server.requests).toEqual([]);
    } finally {
      await denying.close();
    }
  });
});
