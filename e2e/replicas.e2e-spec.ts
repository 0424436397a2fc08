import { X509Certificate, createPublicKey, verify as verifySignature } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { Client } from 'pg';
import {
  RedisServer,
  RegistryServer,
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  decodeJwt,
  startPortcullis,
  startRedis,
  startRegistryBehind,
} from '@portcullis/testing';
import { freePort } from '../apps/api/src/common/free-port';
import { DiscoveryService } from '../apps/api/src/discovery/discovery.service';

interface Claims {
  access: { type: string; name: string; actions: string[] }[];
}

function decode(token: string): { header: { kid: string; alg: string }; claims: Claims } {
  const { header, claims } = decodeJwt<Claims>(token);
  return { header: header as { kid: string; alg: string }, claims };
}

/** Verifies a token's ES256 signature with the certificate a replica publishes under its kid. */
async function verifiedBy(replica: RunningPortcullis, token: string): Promise<boolean> {
  const { header } = decode(token);
  const jwks = (await (await fetch(`${replica.url}/.well-known/jwks.json`)).json()) as {
    keys: { kid: string; x5c: string[] }[];
  };
  const key = jwks.keys.find((k) => k.kid === header.kid);
  if (!key) return false;
  const certificate = new X509Certificate(Buffer.from(key.x5c[0]!, 'base64'));
  const [h, p, s] = token.split('.');
  return verifySignature(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key: createPublicKey(certificate.publicKey.export({ format: 'pem', type: 'spki' })), dsaEncoding: 'ieee-p1363' },
    Buffer.from(s!, 'base64url'),
  );
}

/** Milliseconds until `holds()` first answers true (polled every 10 ms), or Infinity after 5 s. */
async function msUntil(holds: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < 5000) {
    if (await holds()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 10));
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * Two replicas on one database, as behind a load balancer: changes made on one are enforced by the
 * other within a second (pushed by PostgreSQL LISTEN/NOTIFY, or by Redis pub/sub when REDIS_URL is
 * set), their tokens verify with the keys either publishes, one crawls at a time, and with Redis
 * they share failed-login counters.
 */
describe.each([
  ['PostgreSQL LISTEN/NOTIFY', false],
  ['Redis pub/sub', true],
])('Two replicas, invalidation by %s', (_, withRedis) => {
  let db: TestDatabase;
  let redis: RedisServer | undefined;
  let a: RunningPortcullis;
  let b: RunningPortcullis;
  let registry: RegistryServer;
  let service: string;
  let adminA: Record<string, string>;

  const token = (replica: RunningPortcullis, login: string, scope: string) =>
    fetch(`${replica.url}/token?service=${encodeURIComponent(service)}&scope=${scope}`, {
      headers: { authorization: basicAuthorization(login) },
    });
  const actionsOf = async (response: Response) => {
    expect(response.status).toBe(200);
    const { token: jwt } = (await response.json()) as { token: string };
    return decode(jwt).claims.access.flatMap((a) => a.actions);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = withRedis ? await startRedis() : undefined;
    const env = {
      DATABASE_URL: db.url,
      LOCKOUT_ACCOUNT_FAILURES: '3',
      ...(redis ? { REDIS_URL: redis.url } : {}),
    };
    a = await startPortcullis(env);
    b = await startPortcullis(env);
    adminA = await a.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const port = await freePort();
    service = `localhost:${port}`;
    registry = await startRegistryBehind(a.url, { port });
    const post = async (path: string, body: object) => {
      const response = await fetch(`${a.url}${path}`, { method: 'POST', headers: adminA, body: JSON.stringify(body) });
      expect(response.status).toBe(201);
    };
    await post('/api/v1/groups', { name: 'team' });
    await post('/api/v1/registries', { service, url: registry.url, publications: ['team'] });
    for (const name of ['ann', 'bob']) {
      await post('/api/v1/users', {
        name,
        password: `${name}-password-1`,
        groups: ['team'],
        privileges: ['DockerRegistriesPuller', 'DockerRegistriesPusher'],
      });
    }
  });

  afterAll(async () => {
    await registry?.stop();
    await a?.close();
    await b?.close();
    await redis?.stop();
    await db?.drop();
  });

  it('should sign tokens on both replicas with one key that both publish', async () => {
    const fromA = (
      (await (await token(a, 'ann:ann-password-1', 'repository:users/ann/x:pull')).json()) as { token: string }
    ).token;
    const fromB = (
      (await (await token(b, 'ann:ann-password-1', 'repository:users/ann/x:pull')).json()) as { token: string }
    ).token;
    expect(decode(fromA).header.kid).toBe(decode(fromB).header.kid);
    expect(await verifiedBy(b, fromA)).toBe(true);
    expect(await verifiedBy(a, fromB)).toBe(true);
  });

  it('should enforce a rule made on one replica on the other within a second, and its removal too', async () => {
    const scope = 'repository:users/ann/app:pull,push';
    expect(await actionsOf(await token(b, 'ann:ann-password-1', scope))).toEqual(['pull', 'push']);
    const created = await fetch(`${a.url}/api/v1/rules`, {
      method: 'POST',
      headers: adminA,
      body: JSON.stringify({ match: { account: 'ann' }, actions: [], comment: 'freeze ann' }),
    });
    expect(created.status).toBe(201);
    const elsewhere = msUntil(async () => (await actionsOf(await token(b, 'ann:ann-password-1', scope))).length === 0);
    // On the replica that made it: at once.
    expect(await actionsOf(await token(a, 'ann:ann-password-1', scope))).toEqual([]);
    expect(await elsewhere).toBeLessThan(1000);

    const { id } = (await created.json()) as { id: number };
    expect((await fetch(`${a.url}/api/v1/rules/${id}`, { method: 'DELETE', headers: adminA })).status).toBe(204);
    expect(
      await msUntil(async () => (await actionsOf(await token(b, 'ann:ann-password-1', scope))).length === 2),
    ).toBeLessThan(1000);
  });

  it('should refuse the old password on the other replica once it is changed, though it was cached there', async () => {
    expect((await token(b, 'bob:bob-password-1', 'repository:users/bob/x:pull')).status).toBe(200);
    const users = (await (await fetch(`${a.url}/api/v1/users?q=bob`, { headers: adminA })).json()) as {
      items: { id: number; name: string }[];
    };
    const bob = users.items.find((u) => u.name === 'bob')!;
    const changed = await fetch(`${a.url}/api/v1/users/${bob.id}`, {
      method: 'PATCH',
      headers: adminA,
      body: JSON.stringify({ password: 'bob-password-2' }),
    });
    expect(changed.status).toBe(200);
    expect(
      await msUntil(async () => (await token(b, 'bob:bob-password-1', 'repository:users/bob/x:pull')).status === 401),
    ).toBeLessThan(1000);
    expect((await token(b, 'bob:bob-password-2', 'repository:users/bob/x:pull')).status).toBe(200);
  });

  it('should take a second-factor code once across replicas, and refuse docker the password once it is on', async () => {
    const name = `carl${withRedis ? 'r' : 'p'}`;
    const post = (replica: RunningPortcullis, path: string, body: object, headers: Record<string, string>) =>
      fetch(`${replica.url}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect(
      (
        await post(
          a,
          '/users',
          { name, password: 'carl-password', groups: ['team'], privileges: ['DockerRegistriesPuller'] },
          adminA,
        )
      ).status,
    ).toBe(201);
    const scope = `repository:users/${name}/x:pull`;
    // Cached on b before two-factor sign-in is on.
    expect((await token(b, `${name}:carl-password`, scope)).status).toBe(200);
    const carl = await a.apiHeaders(name, 'carl-password');
    const { secret } = (await (await post(a, '/auth/two-factor/enrol', {}, carl)).json()) as { secret: string };
    const code = (ahead: number) =>
      new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + ahead * 30_000 });
    expect((await post(a, '/auth/two-factor/confirm', { code: code(0) }, carl)).status).toBe(200);
    expect(await msUntil(async () => (await token(b, `${name}:carl-password`, scope)).status === 401)).toBeLessThan(
      1000,
    );

    const json = { 'content-type': 'application/json' };
    const next = code(1);
    expect((await post(a, '/auth/login', { username: name, password: 'carl-password', code: next }, json)).status).toBe(
      200,
    );
    const replayed = await post(b, '/auth/login', { username: name, password: 'carl-password', code: next }, json);
    expect(replayed.status).toBe(401);
    expect(((await replayed.json()) as { code: string }).code).toBe('TWO_FACTOR_INVALID');
  });

  it('should find in docker search, on both replicas at once, a repository either learns or forgets', async () => {
    const search = async (replica: RunningPortcullis, q: string) => {
      const response = await fetch(`${replica.url}/v1/search?q=${q}`, {
        headers: { authorization: basicAuthorization(`admin:${TEST_ADMIN_PASSWORD}`) },
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { results: { name: string }[] }).results.map((r) => r.name);
    };
    // Both indexes loaded before the change, so that they have to follow it.
    expect([await search(a, 'replicated'), await search(b, 'replicated')]).toEqual([[], []]);
    const writer = new Client({ connectionString: db.url });
    await writer.connect();
    try {
      await writer.query(
        `INSERT INTO repository (registry_id, name) SELECT id, 'library/replicated' FROM registry WHERE service = $1`,
        [service],
      );
      expect([await search(a, 'replicated'), await search(b, 'replicated')]).toEqual([
        ['library/replicated'],
        ['library/replicated'],
      ]);
      await writer.query(`DELETE FROM repository WHERE name = 'library/replicated'`);
      expect([await search(b, 'replicated'), await search(a, 'replicated')]).toEqual([[], []]);
    } finally {
      await writer.end();
    }
  });

  it('should let one replica crawl a registry when both are due at once', async () => {
    const results = await Promise.all([a, b].map((replica) => replica.app.get(DiscoveryService).crawlDue()));
    const crawls = results.flatMap((r) => r ?? []).filter((r) => r.registry === service);
    expect(crawls).toHaveLength(1);
    expect(crawls[0]!.ok).toBe(true);
  });

  it(
    withRedis
      ? 'should lock an account out on both replicas after failures on one (counters in Redis)'
      : 'should lock an account out after repeated failures (429 with Retry-After)',
    async () => {
      for (let i = 0; i < 3; i++) {
        expect((await token(a, `ann:wrong-${i}`, 'repository:users/ann/x:pull')).status).toBe(401);
      }
      const locked = await token(withRedis ? b : a, 'ann:wrong-again', 'repository:users/ann/x:pull');
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(25);
      expect(((await locked.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('TOOMANYREQUESTS');
    },
  );
});
