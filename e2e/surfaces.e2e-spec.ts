import { createPortcullisClient } from '@portcullis/api-client';
import {
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  expectVisible,
  launchBrowser,
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

  it("should send the console's files compressed as the build wrote them, to clients that accept it", async () => {
    const shell = await (await fetch(`${portcullis.url}/`, { headers: { accept: 'text/html' } })).text();
    const script = /<script src="([^"]+\.js)"/.exec(shell)?.[1];
    expect(script).toBeDefined();
    const url = `${portcullis.url}/${script!}`;
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(0);
    for (const encoding of ['br', 'gzip']) {
      const compressed = await fetch(url, { headers: { 'accept-encoding': encoding } });
      expect(compressed.status).toBe(200);
      expect(compressed.headers.get('content-encoding')).toBe(encoding);
      expect(await compressed.text()).toBe(text);
    }
  });

  it.each(['/', '/sign-in', '/api/v1/auth/options', '/api/docs', '/token/certs'])(
    'should send the security headers with %s',
    async (path) => {
      const response = await fetch(`${portcullis.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
    },
  );

  it.each(['/token?service=x', '/auth/token', '/v1/search?q=x'])(
    'should answer %s, which only machines call, without browser headers',
    async (path) => {
      const response = await fetch(`${portcullis.url}${path}`);
      expect(response.headers.get('content-security-policy')).toBeNull();
      expect(response.headers.get('strict-transport-security')).toBeNull();
    },
  );

  it('should run the console and Swagger UI under the policy, with nothing refused', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
      });
      await page.goto(`${portcullis.url}/sign-in`);
      await page.getByLabel('Login name').fill('admin');
      await page.getByLabel('Password').fill(TEST_ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectVisible(page.getByRole('link', { name: /Registries/ }));
      // The console's stylesheet applies (no inline script is needed to switch it on).
      expect(await page.evaluate('getComputedStyle(document.body).margin')).toBe('0px');
      await page.goto(`${portcullis.url}/api/docs`);
      await expectVisible(page.getByText(/Portcullis/));
      expect(refused).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

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
