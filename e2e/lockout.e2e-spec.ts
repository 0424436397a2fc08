import {
  RunningPortcullis,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  startPortcullis,
} from '@portcullis/testing';

/**
 * Lockouts must not be a denial of service: someone without a credential cannot stop its holder
 * from getting tokens from another address. Addresses come from X-Forwarded-For (Portcullis behind
 * a trusted proxy on loopback), as they would behind a load balancer.
 */
describe('Failed logins and who they lock out', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let pat: string;

  const SERVICE = 'lockout.test';
  const scope = 'repository:users/alice/app:pull';
  /** A GET token request with Basic credentials, as docker and skopeo send it. */
  const get = (from: string, user: string, secret: string) =>
    fetch(`${portcullis.url}/token?service=${SERVICE}&scope=${scope}`, {
      headers: { authorization: basicAuthorization(`${user}:${secret}`), 'x-forwarded-for': from },
    });
  /** An OAuth2 password grant, as containerd sends it first. */
  const post = (from: string, user: string, secret: string) =>
    fetch(`${portcullis.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
      body: new URLSearchParams({
        grant_type: 'password',
        username: user,
        password: secret,
        service: SERVICE,
        scope,
        client_id: 'containerd-client',
      }).toString(),
    });
  const statuses = async (requests: (() => Promise<Response>)[]) => {
    const seen: number[] = [];
    for (const request of requests) seen.push((await request()).status);
    return seen;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({
      DATABASE_URL: db.url,
      TRUST_PROXY: '127.0.0.1',
      // Every sign-in checks its secret: nothing answers from the credential cache.
      CREDENTIAL_CACHE_TTL: '0',
      LOCKOUT_ACCOUNT_FAILURES: '3',
      LOCKOUT_ADDRESS_FAILURES: '8',
      LOCKOUT_ACCOUNT_WIDE_FAILURES: '6',
      LOCKOUT_SLOWDOWN: '2',
    });
    const yaml = `
groups: [{ name: team }]
users:
  - { name: alice, password: alice-password, groups: [team], privileges: [DockerRegistriesPuller] }
  - { name: dave, password: dave-password, groups: [team], privileges: [DockerRegistriesPuller] }
  - { name: erin, password: erin-password, groups: [team], privileges: [DockerRegistriesPuller] }
apps: [{ name: shop, responsibles: [team], publications: [team] }]
registries: [{ service: ${SERVICE}, url: "http://127.0.0.1:9", publications: [team] }]
services: [{ name: web1, app: shop, secret: web1-secret-0123456789 }]
robots: [{ name: ci, app: shop, secret: ci-secret-0123456789, permissions: [{ repositories: "apps/shop/**", actions: [pull] }] }]
`;
    await portcullis.applyConfig(yaml);
    const session = await portcullis.apiHeaders('alice', 'alice-password');
    pat = (
      (await (
        await fetch(`${portcullis.url}/api/v1/access-tokens`, {
          method: 'POST',
          headers: session,
          body: JSON.stringify({ name: 'ci' }),
        })
      ).json()) as { token: string }
    ).token;
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  it("should lock the guesser's address out of a person's account, never the holder's", async () => {
    const guesses = Array.from({ length: 5 }, (_, i) => () => get('203.0.113.66', 'dave', `guess-${i}`));
    expect(await statuses(guesses)).toEqual([401, 401, 401, 429, 429]);
    // The holder, elsewhere, signs in at once; and the guesser's lockout does not reach other accounts.
    expect((await get('198.51.100.1', 'dave', 'dave-password')).status).toBe(200);
    expect((await get('203.0.113.66', 'erin', 'erin-password')).status).toBe(200);
  });

  it.each([
    ['a robot', 'robot/ci', 'ci-secret-0123456789'],
    ['a service', 'service/web1', 'web1-secret-0123456789'],
  ])('should never lock %s out for failures, and stop guessing from the address', async (_, login, secret) => {
    const attacker = login === 'robot/ci' ? '203.0.113.21' : '203.0.113.22';
    const guesses = Array.from({ length: 10 }, (__, i) => () => get(attacker, login, `wrong-${i}`));
    // LOCKOUT_ADDRESS_FAILURES (8), then the address waits; the credential itself never does.
    expect(await statuses(guesses)).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    expect((await get('198.51.100.2', login, secret)).status).toBe(200);
  });

  it("should never lock a personal access token out, even where its owner's password is", async () => {
    // A `pcp_` guess that is no token is a password guess: the pair (alice, address) locks ...
    const guesses = Array.from({ length: 4 }, (_, i) => () => get('203.0.113.23', 'alice', `pcp_wrong${i}`));
    expect(await statuses(guesses)).toEqual([401, 401, 401, 429]);
    // ... but a token is a machine credential: it works there, and anywhere else.
    expect((await get('203.0.113.23', 'alice', pat)).status).toBe(200);
    expect((await get('198.51.100.2', 'alice', pat)).status).toBe(200);
  });

  it('should not lock out a personal access token used as an API bearer token', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${portcullis.url}/api/v1/auth/me`, {
        headers: { authorization: `Bearer pcp_wrong-${i}`, 'x-forwarded-for': '203.0.113.9' },
      });
      expect(response.status).toBe(401);
    }
    const me = await fetch(`${portcullis.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${pat}`, 'x-forwarded-for': '198.51.100.3' },
    });
    expect(me.status).toBe(200);
  });

  it('should count a refused POST retried as a GET (containerd) as one failure', async () => {
    // LOCKOUT_ACCOUNT_FAILURES is 3. Counted twice, the second POST would lock the account and its
    // GET be refused; counted once, the third wrong password locks it.
    const attempts: number[] = [];
    for (let i = 0; i < 3; i++) {
      attempts.push((await post('203.0.113.77', 'alice', `wrong-${i}`)).status);
      attempts.push((await get('203.0.113.77', 'alice', `wrong-${i}`)).status);
    }
    expect(attempts).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('should slow guessing from many addresses without locking the owner out of its own', async () => {
    // The owner signed in from its address before the attack.
    expect((await get('198.51.100.10', 'erin', 'erin-password')).status).toBe(200);
    // LOCKOUT_ACCOUNT_WIDE_FAILURES (6) failures, each from another address (none is locked out).
    const spread = Array.from({ length: 6 }, (_, i) => () => get(`192.0.2.${i + 1}`, 'erin', `guess-${i}`));
    expect(await statuses(spread)).toEqual([401, 401, 401, 401, 401, 401]);
    // From now on unfamiliar addresses share one check per LOCKOUT_SLOWDOWN (2 s) ...
    const first = await get('192.0.2.50', 'erin', 'guess-a');
    const second = await get('192.0.2.51', 'erin', 'guess-b');
    expect([first.status, second.status]).toEqual([401, 429]);
    expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    // ... while the owner's own address is not slowed at all.
    expect((await get('198.51.100.10', 'erin', 'erin-password')).status).toBe(200);
    expect((await get('198.51.100.10', 'erin', 'erin-password')).status).toBe(200);
    // And from a new address the owner is slowed, not locked out.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await get('198.51.100.99', 'erin', 'erin-password')).status).toBe(200);
  });
});
