import {
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TcpProxy,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  startPortcullis,
  startTcpProxy,
} from '@portcullis/testing';

const SERVICE = 'outage.test';

/** Milliseconds `work` took, with its result. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/**
 * The database goes away under a running replica (refused connections, or a network that swallows
 * every packet): logins verified shortly before keep getting tokens from the caches, everything
 * else answers 503 with Retry-After within a second, and all recovers without a restart.
 */
describe('Database outage', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let portcullis: RunningPortcullis;
  let admin: Record<string, string>;

  const token = (login: string) =>
    fetch(`${portcullis.url}/token?service=${SERVICE}&scope=repository:library/x:pull`, {
      headers: { authorization: basicAuthorization(login) },
    });
  const ready = async () => (await fetch(`${portcullis.url}/health/ready`)).status;

  beforeAll(async () => {
    db = await createTestDatabase();
    const direct = new URL(db.url);
    proxy = await startTcpProxy(Number(direct.port || 5432));
    direct.port = String(proxy.port);
    portcullis = await startPortcullis({ DATABASE_URL: direct.toString() });
    admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const post = async (path: string, body: object) =>
      expect(
        (await fetch(`${portcullis.url}${path}`, { method: 'POST', headers: admin, body: JSON.stringify(body) }))
          .status,
      ).toBe(201);
    await post('/api/v1/registries', { service: SERVICE, url: 'http://127.0.0.1:9' });
    for (const name of ['ann-refuse', 'ann-blackhole', 'cid']) {
      await post('/api/v1/users', { name, password: `${name}-password` });
    }
  });

  afterAll(async () => {
    await portcullis?.close();
    await proxy?.close();
    await db?.drop();
  });

  describe.each(['refuse', 'blackhole'] as const)('when the database %ss connections', (outage) => {
    /** A login never verified before the outage. */
    const ann = `ann-${outage}:ann-${outage}-password`;
    let startedAt: string;
    beforeAll(async () => {
      startedAt = new Date().toISOString();
      // Verified now, so cached when the database goes.
      expect((await token(TEST_ADMIN)).status).toBe(200);
      await proxy.cut(outage);
    });

    afterAll(async () => {
      await proxy.restore();
    });

    it('should keep issuing tokens to a login verified before the outage, fast', async () => {
      for (let i = 0; i < 5; i++) {
        const { ms, result } = await timed(() => token(TEST_ADMIN));
        expect(result.status).toBe(200);
        expect(ms).toBeLessThan(1000);
      }
    });

    it('should answer any other login 503 with Retry-After within a second, never hang', async () => {
      for (const login of [ann, 'cid:wrong-password']) {
        const { ms, result } = await timed(() => token(login));
        expect(result.status).toBe(503);
        expect(result.headers.get('retry-after')).toBe('5');
        expect(((await result.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('UNAVAILABLE');
        expect(ms).toBeLessThan(1000);
      }
    });

    it('should report not ready within a second, then answer API calls 503 at once', async () => {
      const probe = await timed(ready);
      expect(probe.result).toBe(503);
      // The probe's deadline is one second; the bound leaves room for a loaded CI machine (the e2e
      // tier runs real clients and replicas side by side) and still tells it from a connection
      // that hangs until the operating system gives up (minutes).
      expect(probe.ms).toBeLessThan(2500);
      const { ms, result } = await timed(() => fetch(`${portcullis.url}/api/v1/registries`, { headers: admin }));
      expect(result.status).toBe(503);
      expect(result.headers.get('retry-after')).toBe('5');
      expect(await result.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', correlationId: expect.any(String) });
      expect(ms).toBeLessThan(1000);
    });

    it('should recover without a restart once the database is back', async () => {
      await proxy.restore();
      const start = Date.now();
      let status = 0;
      while (Date.now() - start < 20_000 && status !== 200) {
        status = (await token(ann)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
      expect(await ready()).toBe(200);
      expect((await fetch(`${portcullis.url}/api/v1/registries`, { headers: admin })).status).toBe(200);
      expect((await token('cid:wrong-password')).status).toBe(401);
    });

    it('should have kept the audit events of the outage and written them once the database was back', async () => {
      const query = new URLSearchParams({ actor: 'admin', action: 'token.issue', since: startedAt, limit: '100' });
      let issued = 0;
      for (let i = 0; i < 100 && issued < 6; i++) {
        const page = (await (
          await fetch(`${portcullis.url}/api/v1/audit?${query.toString()}`, { headers: admin })
        ).json()) as {
          items: { count: number }[];
        };
        // Identical decisions of one batch are one event with a count.
        issued = page.items.reduce((sum, event) => sum + event.count, 0);
        if (issued < 6) await new Promise((r) => setTimeout(r, 100));
      }
      // The token before the outage, and the five of "keep issuing", issued while the database was away.
      expect(issued).toBeGreaterThanOrEqual(6);
    });
  });
});
