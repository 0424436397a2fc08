import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  startPortcullis,
} from '@portcullis/testing';

const SERVICE = 'registry.bad-input.test';
const CANARY = 'Canary-Secret-7f3a';

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('Bad input', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  const output: string[] = [];
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

  beforeAll(async () => {
    // Everything the server prints, at its most talkative level, is kept to look for secrets.
    process.stdout.write = (chunk: string | Uint8Array, ...rest: never[]) => {
      output.push(String(chunk));
      return writes.out(chunk, ...rest);
    };
    process.stderr.write = (chunk: string | Uint8Array, ...rest: never[]) => {
      output.push(String(chunk));
      return writes.err(chunk, ...rest);
    };
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url, LOG_LEVEL: 'verbose' });
    const headers = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    await fetch(`${portcullis.url}/api/v1/registries`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ service: SERVICE, url: 'http://127.0.0.1:9' }),
    });
    await fetch(`${portcullis.url}/api/v1/users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'carol', password: CANARY }),
    });
  });

  afterAll(async () => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    await portcullis?.close();
    await db?.drop();
  });

  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const svc = { service: SERVICE };

  describe('GET /token', () => {
    it.each<[string, string, Record<string, string>, number, string]>([
      ['no service', '', {}, 400, 'INVALID_REQUEST'],
      ['an undeclared service', q({ service: 'nope.test' }), {}, 400, 'UNKNOWN_SERVICE'],
      ['two services', `${q(svc)}&service=other`, {}, 400, 'INVALID_REQUEST'],
      ['a scope without actions separator', q({ ...svc, scope: 'repository:a' }), {}, 400, 'INVALID_SCOPE'],
      ['an upper-case repository', q({ ...svc, scope: 'repository:a/B:pull' }), {}, 400, 'INVALID_SCOPE'],
      ['a bad action', q({ ...svc, scope: 'repository:a:pull;drop' }), {}, 400, 'INVALID_SCOPE'],
      ['a bad resource type', q({ ...svc, scope: 'Repo:a:pull' }), {}, 400, 'INVALID_SCOPE'],
      ['a 2000-character scope', q({ ...svc, scope: `repository:${'a'.repeat(2000)}:pull` }), {}, 400, 'INVALID_SCOPE'],
      ['a Bearer header', q(svc), { authorization: 'Bearer abc' }, 400, 'INVALID_REQUEST'],
      ['a Basic header that is not base64', q(svc), { authorization: 'Basic %%%' }, 400, 'INVALID_REQUEST'],
      [
        'a Basic header without a colon',
        q(svc),
        { authorization: basicAuthorization('carol') },
        400,
        'INVALID_REQUEST',
      ],
      [
        'a 300-character user name',
        q(svc),
        { authorization: basicAuthorization(`${'u'.repeat(300)}:x`) },
        400,
        'INVALID_REQUEST',
      ],
      [
        'an 8000-character password',
        q(svc),
        { authorization: basicAuthorization(`carol:${'p'.repeat(8000)}`) },
        400,
        'INVALID_REQUEST',
      ],
      ['a user without a password', q(svc), { authorization: basicAuthorization('carol:') }, 401, 'UNAUTHORIZED'],
      ['a wrong password', q(svc), { authorization: basicAuthorization('carol:wrong') }, 401, 'UNAUTHORIZED'],
      ['an unknown user', q(svc), { authorization: basicAuthorization('mallory:whatever') }, 401, 'UNAUTHORIZED'],
      [
        'a refresh token that does not exist',
        q(svc),
        { authorization: basicAuthorization(':pcr_doesnotexist') },
        401,
        'UNAUTHORIZED',
      ],
      [
        'an account that is not the Basic user',
        q({ ...svc, account: 'admin' }),
        { authorization: basicAuthorization(`carol:${CANARY}`) },
        400,
        'INVALID_REQUEST',
      ],
    ])('should answer %s in the token error shape', async (_, query, headers, status, code) => {
      const response = await fetch(`${portcullis.url}/token?${query}`, { headers });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { errors: { code: string; message: string }[]; error: string };
      expect(body.errors[0]?.code).toBe(code);
      expect(body.error).toEqual(expect.any(String));
      if (status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    });

    it('should treat the empty pair docker search sends as anonymous', async () => {
      const response = await fetch(`${portcullis.url}/token?${q({ ...svc, scope: 'repository:a:pull' })}`, {
        headers: { authorization: 'Basic Og==' },
      });
      expect(response.status).toBe(200);
    });
  });

  describe('POST /token', () => {
    const form = 'application/x-www-form-urlencoded';
    it.each<[string, string | undefined, string, number, string]>([
      ['a JSON body', 'application/json', JSON.stringify({ grant_type: 'password' }), 400, 'INVALID_REQUEST'],
      ['a text body', 'text/plain', 'grant_type=password', 400, 'INVALID_REQUEST'],
      ['an XML body', 'application/xml', '<x/>', 400, 'INVALID_REQUEST'],
      ['no grant type', form, q(svc), 400, 'INVALID_REQUEST'],
      [
        'the reserved authorization_code grant',
        form,
        q({ ...svc, grant_type: 'authorization_code', code: 'x' }),
        400,
        'UNSUPPORTED_GRANT_TYPE',
      ],
      ['an invented grant', form, q({ ...svc, grant_type: 'magic' }), 400, 'UNSUPPORTED_GRANT_TYPE'],
      [
        'a password grant without password',
        form,
        q({ ...svc, grant_type: 'password', username: 'carol' }),
        400,
        'INVALID_REQUEST',
      ],
      ['a refresh grant without token', form, q({ ...svc, grant_type: 'refresh_token' }), 400, 'INVALID_REQUEST'],
      [
        'a bad scope',
        form,
        q({ ...svc, grant_type: 'password', username: 'carol', password: CANARY, scope: 'x' }),
        400,
        'INVALID_SCOPE',
      ],
      [
        'a wrong password',
        form,
        q({ ...svc, grant_type: 'password', username: 'carol', password: 'nope', client_id: 'c' }),
        401,
        'UNAUTHORIZED',
      ],
      [
        'an unknown refresh token',
        form,
        q({ ...svc, grant_type: 'refresh_token', refresh_token: 'pcr_nope' }),
        401,
        'UNAUTHORIZED',
      ],
      [
        'a prototype-polluting field',
        form,
        `${q({ ...svc, grant_type: 'magic' })}&__proto__=x`,
        400,
        'UNSUPPORTED_GRANT_TYPE',
      ],
    ])('should answer %s in the token error shape', async (_, contentType, body, status, code) => {
      const response = await fetch(`${portcullis.url}/token`, {
        method: 'POST',
        headers: contentType ? { 'content-type': contentType } : {},
        body,
      });
      expect(response.status).toBe(status);
      expect(((await response.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe(code);
    });

    it('should accept the password grant containerd sends', async () => {
      const response = await fetch(`${portcullis.url}/token`, {
        method: 'POST',
        headers: { 'content-type': `${form}; charset=utf-8` },
        body: q({
          ...svc,
          grant_type: 'password',
          username: 'carol',
          password: CANARY,
          client_id: 'containerd-client',
          scope: 'repository:a:pull',
        }),
      });
      expect(response.status).toBe(200);
    });
  });

  describe('API', () => {
    const forged = (): Record<string, string> => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { sub: '1', name: 'admin', aud: 'portcullis-api', iss: 'portcullis', iat: now, exp: now + 600 };
      const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
      const input = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
      const wrongSecret = `${input}.${createHmac('sha256', 'guess').update(input).digest('base64url')}`;
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const esInput = `${b64url({ alg: 'ES256', typ: 'JWT' })}.${b64url(claims)}`;
      const es = `${esInput}.${sign('sha256', Buffer.from(esInput), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
      return {
        'alg none': none,
        'HS256 with a guessed secret': wrongSecret,
        'ES256 with a foreign key': es,
        garbage: 'a.b.c',
      };
    };

    it.each(Object.entries(forged()))('should refuse a session token forged as %s', async (_, token) => {
      const response = await fetch(`${portcullis.url}/api/v1/users`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        correlationId: expect.any(String),
      });
    });

    const YAML_BOMB = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghij'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`),
    ].join('\n');

    it.each([
      [
        'a NUL in a Basic user name (docker search)',
        '/v1/search?q=x',
        { authorization: basicAuthorization('a\u0000b:pw') },
      ],
      ['a NUL in a list filter', '/api/v1/users?q=a%00b', {}],
      ['an id beyond 2^31', '/api/v1/users/99999999999', {}],
    ])('should answer %s with 400', async (_, path, headers) => {
      const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
      const response = await fetch(`${portcullis.url}${path}`, {
        headers: { authorization: admin.authorization!, ...headers },
      });
      expect(response.status).toBe(400);
    });

    it.each([
      ['a number as the password', '/api/v1/auth/login', { username: 'admin', password: 12345678 }],
      ['a NUL in the login name', '/api/v1/auth/login', { username: 'a\u0000b', password: 'password' }],
      [
        'an unpaired surrogate in an e-mail address',
        '/api/v1/auth/register',
        { name: 'x', password: 'password', email: '\ud800@x' },
      ],
      ['null for a list', '/api/v1/apps', { name: 'nulls', responsibles: null }],
      ['a YAML alias bomb', '/api/v1/config/apply', { yaml: YAML_BOMB }],
      ['a YAML alias bomb to import', '/api/v1/config/import/docker-auth', { yaml: YAML_BOMB }],
    ])('should answer %s with 400, before any password is checked', async (_, path, body) => {
      const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
      const response = await fetch(`${portcullis.url}${path}`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('should refuse a form body on a percent-encoded API path as on the plain one', async () => {
      for (const path of ['/api/v1/auth/login', '/%61pi/v1/auth/login', '/api%2Fv1/auth/login']) {
        const response = await fetch(`${portcullis.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `username=admin&password=${TEST_ADMIN_PASSWORD}`,
        });
        expect([path, response.status]).toEqual([path, expect.any(Number)]);
        expect(response.status === 415 || response.status === 404).toBe(true);
      }
    });

    it('should stop at start-up, saying why, on a configuration file that is an alias bomb', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'portcullis-bomb-'));
      await writeFile(join(dir, 'portcullis.yaml'), YAML_BOMB);
      await expect(
        startPortcullis({ DATABASE_URL: db.url, CONFIG_FILE: join(dir, 'portcullis.yaml') }),
      ).rejects.toThrow(/CONFIG_FILE .*Excessive alias count/);
    });

    it('should refuse a registry token as an API token', async () => {
      const response = await fetch(`${portcullis.url}/token?${q({ ...svc, scope: 'repository:a:pull' })}`, {
        headers: { authorization: basicAuthorization(TEST_ADMIN) },
      });
      const { token } = (await response.json()) as { token: string };
      const api = await fetch(`${portcullis.url}/api/v1/users`, { headers: { authorization: `Bearer ${token}` } });
      expect(api.status).toBe(401);
    });

    it.each<[string, string, RequestInit, number, string]>([
      [
        'an unknown field',
        '/api/v1/registries',
        { method: 'POST', body: JSON.stringify({ service: 'x.test', url: 'http://x', admin: true }) },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a wrong type',
        '/api/v1/registries',
        { method: 'POST', body: JSON.stringify({ service: 1, url: 'http://x' }) },
        400,
        'VALIDATION_FAILED',
      ],
      ['bad JSON', '/api/v1/registries', { method: 'POST', body: '{"service":' }, 400, 'BAD_REQUEST'],
      ['a non-numeric id', '/api/v1/registries/abc', {}, 400, 'VALIDATION_FAILED'],
      ['a missing registry', '/api/v1/registries/999999', {}, 404, 'REGISTRY_NOT_FOUND'],
      ['a path traversal', '/api/v1/registries/..%2F..%2Fetc', {}, 400, 'VALIDATION_FAILED'],
      ['an upper-case repository name', '/api/v1/registries/1/repositories/Shop', {}, 400, 'VALIDATION_FAILED'],
      [
        'a repository name that climbs',
        '/api/v1/registries/1/repositories/..%2Fadmin/star',
        { method: 'PUT' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a tag that is not a tag',
        '/api/v1/registries/1/repositories/shop/tags/.latest',
        { method: 'DELETE' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a non-JSON body',
        '/api/v1/users',
        { method: 'POST', body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'an oversized body',
        '/api/v1/users',
        { method: 'POST', body: JSON.stringify({ name: 'x', password: 'p'.repeat(2 * 1024 * 1024) }) },
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['an unknown route', '/api/v1/nothing-here', {}, 404, 'NOT_FOUND'],
    ])('should answer %s (%s) in the API error shape', async (_, path, init, status, code) => {
      const headers = {
        ...(await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD)),
        ...(init.headers as Record<string, string>),
      };
      const response = await fetch(`${portcullis.url}${path}`, { ...init, headers });
      expect(response.status).toBe(status);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        statusCode: status,
        code,
        message: expect.any(String),
        correlationId: expect.any(String),
      });
      expect(Object.keys(body).sort()).toEqual(['code', 'correlationId', 'message', 'statusCode']);
    });

    it('should refuse a user who is not an admin', async () => {
      const headers = await portcullis.apiHeaders('carol', CANARY);
      const response = await fetch(`${portcullis.url}/api/v1/users`, { headers });
      expect(response.status).toBe(403);
    });
  });

  it('should never print a password or token', () => {
    const printed = output.join('');
    expect(printed).toContain('Mapped {/token, GET}');
    expect(printed).not.toContain(CANARY);
    expect(printed).not.toContain(TEST_ADMIN_PASSWORD);
    expect(printed).not.toMatch(/pcr_[A-Za-z0-9_-]{20,}/);
    expect(printed).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });
});
