import { Client } from 'pg';
import {
  RunningPortcullis,
  TEST_ADMIN,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  startPortcullis,
} from '@portcullis/testing';

const METRICS_TOKEN = 'metrics-token-for-tests';

/** Value of one sample of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

/** /metrics for Prometheus, /health/live and /health/ready for orchestrators. */
describe('Metrics and probes', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;

  const sql = async (query: string) => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url, METRICS_TOKEN });
    await (
      await fetch(`${portcullis.url}/api/v1/registries`, {
        method: 'POST',
        headers: await portcullis.apiHeaders('admin', 'admin-password-for-tests'),
        body: JSON.stringify({ service: 'metrics.test', url: 'http://127.0.0.1:9' }),
      })
    ).json();
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  const metrics = async () => {
    const response = await fetch(`${portcullis.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  };
  const token = (authorization: string | undefined, scope = 'repository:apps/x:pull') =>
    fetch(`${portcullis.url}/token?service=metrics.test&scope=${scope}`, {
      headers: authorization === undefined ? {} : { authorization },
    });

  it('should count token requests by outcome and time them', async () => {
    const before = await metrics();
    const granted = sample(before, 'portcullis_token_requests_total', '{outcome="granted"}') ?? 0;
    const refused = sample(before, 'portcullis_token_requests_total', '{outcome="refused"}') ?? 0;
    expect((await token(basicAuthorization(TEST_ADMIN))).status).toBe(200);
    expect((await token(basicAuthorization(TEST_ADMIN))).status).toBe(200);
    expect((await token(basicAuthorization('admin:wrong'))).status).toBe(401);
    expect((await token(undefined)).status).toBe(200); // anonymous: a token granting nothing
    const after = await metrics();
    expect(sample(after, 'portcullis_token_requests_total', '{outcome="granted"}')).toBe(granted + 2);
    expect(sample(after, 'portcullis_token_requests_total', '{outcome="refused"}')).toBe(refused + 1);
    expect(sample(after, 'portcullis_token_requests_total', '{outcome="denied"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'portcullis_token_request_duration_seconds_count', '{outcome="granted"}')).toBe(granted + 2);
    expect(sample(after, 'portcullis_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('should count discovery runs', async () => {
    const before = sample(await metrics(), 'portcullis_discovery_runs_total', '{outcome="down"}') ?? 0;
    await fetch(`${portcullis.url}/api/v1/registries/1/discover`, {
      method: 'POST',
      headers: await portcullis.apiHeaders('admin', 'admin-password-for-tests'),
    });
    expect(sample(await metrics(), 'portcullis_discovery_runs_total', '{outcome="down"}')).toBe(before + 1);
  });

  it('should ask for the metrics token when one is set', async () => {
    expect((await fetch(`${portcullis.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${portcullis.url}/metrics`, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('should be alive, and ready with every migration and the registries by state', async () => {
    const live = await fetch(`${portcullis.url}/health/live`);
    expect(await live.json()).toEqual({ status: 'alive' });
    const ready = await fetch(`${portcullis.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: true, pendingMigrations: [], registries: { down: 1 }, stopping: false },
    });
  });

  it('should not be ready while a migration it expects is missing from the database', async () => {
    await sql(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '20261124000000_jobs'`);
    try {
      const response = await fetch(`${portcullis.url}/health/ready`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toMatchObject({
        status: 'unready',
        checks: { database: true, pendingMigrations: ['20261124000000_jobs'] },
      });
    } finally {
      await sql(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = '20261124000000_jobs'`);
    }
    expect((await fetch(`${portcullis.url}/health/ready`)).status).toBe(200);
  });

  it('should say unready within about a second when the database is gone, and stay alive', async () => {
    await db.drop();
    const started = Date.now();
    const response = await fetch(`${portcullis.url}/health/ready`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unready', checks: { database: false } });
    expect((await fetch(`${portcullis.url}/health/live`)).status).toBe(200);
  });
});
