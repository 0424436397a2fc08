import fc from 'fast-check';
import {
  RunningPortcullis,
  TEST_ADMIN,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  decodeJwt,
  startPortcullis,
} from '@portcullis/testing';

/**
 * The token endpoint over random input (fast-check): whatever arrives, a 4xx or a token, never a
 * 5xx; and a token never carries more than was asked.
 */
describe('The token endpoint, for any request', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    const created = await fetch(`${portcullis.url}/api/v1/registries`, {
      method: 'POST',
      headers: await portcullis.apiHeaders('admin', 'admin-password-for-tests'),
      body: JSON.stringify({ service: 'fuzz.test', url: 'http://127.0.0.1:9', anonymousPull: ['public/**'] }),
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  const text = fc.string({ unit: 'binary', maxLength: 40 });
  const scopeText = fc.oneof(
    text,
    fc
      .tuple(
        fc.constantFrom('repository', 'registry', 'repository(plugin)', 'x', ''),
        fc.constantFrom('public/a', 'apps/x/y', 'catalog', 'a:b', '', '../..', 'UPPER', '%2F'),
        fc.constantFrom('pull', 'push,pull', '*', 'delete', '', ',,', 'pull,bogus'),
      )
      .map(([type, name, actions]) => `${type}:${name}:${actions}`),
  );
  const authorization = fc.oneof(
    fc.constant(undefined),
    fc.constant(basicAuthorization(TEST_ADMIN)),
    text.map((t) => `Basic ${Buffer.from(t).toString('base64')}`),
    text.map((t) => `Bearer ${t}`),
    text,
  );

  it('should answer a GET with a 4xx or a token within the scopes asked, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('fuzz.test', 'unknown.test', ''),
        fc.array(scopeText, { maxLength: 3 }),
        fc.option(text, { nil: undefined }),
        authorization,
        async (service, scopes, account, auth) => {
          const query = new URLSearchParams();
          if (service !== '') query.set('service', service);
          for (const s of scopes) query.append('scope', s);
          if (account !== undefined) query.set('account', account);
          const headers: Record<string, string> = {};
          // Header values must be ByteStrings without line breaks: what a client can send at all.
          if (auth !== undefined && /^[\x20-\x7e]*$/.test(auth)) headers.authorization = auth;
          const response = await fetch(`${portcullis.url}/token?${query.toString()}`, { headers });
          expect(response.status).toBeLessThan(500);
          if (response.status === 200) {
            const { token } = (await response.json()) as { token: string };
            const { claims } = decodeJwt<{ access: { name: string; actions: string[] }[] }>(token);
            const asked = scopes.join(' ');
            for (const entry of claims.access) expect(asked).toContain(entry.name);
          } else {
            await response.arrayBuffer();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('should answer any POST body with a 4xx or a token, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(
            'grant_type',
            'service',
            'scope',
            'username',
            'password',
            'refresh_token',
            'client_id',
            'access_type',
            'x',
          ),
          text,
          { maxKeys: 6 },
        ),
        fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data'),
        async (form, contentType) => {
          const body = contentType === 'application/json' ? JSON.stringify(form) : new URLSearchParams(form).toString();
          const response = await fetch(`${portcullis.url}/token`, {
            method: 'POST',
            headers: { 'content-type': contentType },
            body,
          });
          expect(response.status).toBeLessThan(500);
          await response.arrayBuffer();
        },
      ),
      { numRuns: 150 },
    );
  });
});
