import { createPortcullisClient } from '@portcullis/api-client';
import {
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  startPortcullis,
} from '@portcullis/testing';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
}

describe('Console, API documentation and health', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  it.each(['/', '/registries/3', '/audit?page=2'])('should serve the console shell at %s', async (path) => {
    const response = await fetch(`${portcullis.url}${path}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<pc-root>');
  });

  it('should keep unknown server paths as JSON 404s', async () => {
    const response = await fetch(`${portcullis.url}/api/v1/no-such-thing`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('should serve Swagger UI and the OpenAPI document', async () => {
    expect((await fetch(`${portcullis.url}/api/docs`)).status).toBe(200);
    const spec = (await (await fetch(`${portcullis.url}/api/docs-json`)).json()) as OpenApiDocument;
    expect(spec.openapi).toMatch(/^3\./);
    const operations = Object.values(spec.paths).flatMap((methods) => Object.values(methods));
    const ids = operations.map((o) => o.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(spec.paths['/api/v1/registries']?.post?.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/token', '/token/certs', '/.well-known/jwks.json']),
    );
  });

  it('should be driven by the client generated from the committed spec', async () => {
    const login = await createPortcullisClient(portcullis.url).POST('/api/v1/auth/login', {
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    expect(login.response.status).toBe(200);
    const client = createPortcullisClient(portcullis.url, login.data!.accessToken);
    const created = await client.POST('/api/v1/groups', { body: { name: 'typed' } });
    expect(created.data).toMatchObject({ name: 'typed', memberCount: 0 });
    const listed = await client.GET('/api/v1/groups');
    expect(listed.data?.items.map((g) => g.name)).toContain('typed');
    const missing = await client.GET('/api/v1/groups/{id}', { params: { path: { id: 999_999 } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: 'GROUP_NOT_FOUND' });
  });

  it('should report health', async () => {
    const response = await fetch(`${portcullis.url}/api/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
