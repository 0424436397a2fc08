import bcrypt from 'bcryptjs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type Schemas, createPortcullisClient } from '@portcullis/api-client';
import {
  RegistryServer,
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  credsFlag,
  skopeo,
  startPortcullis,
  startRegistryBehind,
  writeOciImage,
} from '@portcullis/testing';
import { freePort } from '../apps/api/src/common/free-port';

type Job = Schemas['JobDto'];
type Api = ReturnType<typeof createPortcullisClient>;
const ASYNC = { Prefer: 'respond-async' };

/** Long operations as jobs: `Prefer: respond-async`, 202 with a Location, progress, then result or error. */
describe('Jobs: apply, import and discovery in the background', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let registry: RegistryServer;
  let admin: Api;
  let service: string;
  let registryId: number;

  const signIn = async (username: string, password: string): Promise<Api> => {
    const { data } = await createPortcullisClient(portcullis.url).POST('/api/v1/auth/login', {
      body: { username, password },
    });
    return createPortcullisClient(portcullis.url, data!.accessToken);
  };
  /** Polls a job until it ends; every state seen on the way. */
  const follow = async (api: Api, id: string): Promise<Job[]> => {
    const seen: Job[] = [];
    for (let i = 0; i < 600; i++) {
      const { data, response } = await api.GET('/api/v1/jobs/{id}', { params: { path: { id } } });
      expect(response.status).toBe(200);
      seen.push(data!);
      if (data!.state !== 'running') return seen;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`job ${id} did not end`);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    admin = await signIn('admin', TEST_ADMIN_PASSWORD);
    const port = await freePort();
    service = `localhost:${port}`;
    registry = await startRegistryBehind(portcullis.url, { port });
    const { data } = await admin.POST('/api/v1/registries', { body: { service, url: `http://${service}` } });
    registryId = data!.id;
  });

  afterAll(async () => {
    await registry?.stop();
    await portcullis?.close();
    await db?.drop();
  });

  it('should answer 202 with the job and its Location, count the secrets it hashes, and keep the result', async () => {
    const users = Array.from({ length: 60 }, (_, i) => `  - { name: bulk-${i}, password: bulk-password-${i} }`);
    const yaml = `groups: [{ name: bulk }]\nusers:\n${users.join('\n')}\n`;
    const { data, response } = await admin.POST('/api/v1/config/apply', { body: { yaml }, params: { header: ASYNC } });
    expect(response.status).toBe(202);
    expect(response.headers.get('preference-applied')).toBe('respond-async');
    const job = data as Job;
    expect(response.headers.get('location')).toBe(`/api/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ kind: 'config.apply', state: 'running', actor: 'admin' });

    const seen = await follow(admin, job.id);
    const hashing = seen.filter((j) => j.phase === 'hashing secrets');
    expect(hashing.length).toBeGreaterThan(0);
    expect(hashing.every((j) => j.total === 60 && j.done >= 0 && j.done <= 60)).toBe(true);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ state: 'succeeded', phase: 'writing', error: null });
    expect(last.finishedAt).not.toBeNull();
    expect((last.result as Schemas['ApplySummaryDto']).created.users).toHaveLength(60);
    // Applied, all of it.
    const { data: page } = await admin.GET('/api/v1/users', { params: { query: { q: 'bulk-', limit: 100 } } });
    expect(page!.items).toHaveLength(60);
  });

  it('should answer within the request without Prefer, as before', async () => {
    const { data, response } = await admin.POST('/api/v1/config/apply', { body: { yaml: 'groups: [{ name: sync }]' } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ created: { groups: ['sync'] } });
  });

  it('should refuse a document that does not parse at once, and fail a job whose references are wrong', async () => {
    const bad = await admin.POST('/api/v1/config/apply', {
      body: { yaml: 'users: [{ name: 1 }' },
      params: { header: ASYNC },
    });
    expect(bad.response.status).toBe(400);

    const { data, response } = await admin.POST('/api/v1/config/apply', {
      body: { yaml: 'users: [{ name: orphan, password: orphan-password, groups: [nowhere] }]' },
      params: { header: ASYNC },
    });
    expect(response.status).toBe(202);
    const last = (await follow(admin, (data as Job).id)).at(-1)!;
    expect(last).toMatchObject({ state: 'failed', result: null });
    expect(last.error).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('there is no group "nowhere"'),
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const { data: users } = await admin.GET('/api/v1/users', { params: { query: { q: 'orphan' } } });
    expect(users!.items).toEqual([]);
  });

  it('should import htpasswd as a job', async () => {
    const htpasswd = `imported:${bcrypt.hashSync('imported-password', 5).replace('$2b$', '$2y$')}\n`;
    const { data, response } = await admin.POST('/api/v1/config/import/htpasswd', {
      body: { htpasswd },
      params: { header: ASYNC },
    });
    expect(response.status).toBe(202);
    const last = (await follow(admin, (data as Job).id)).at(-1)!;
    expect(last).toMatchObject({ kind: 'config.import', state: 'succeeded' });
    expect((last.result as Schemas['ApplySummaryDto']).created.users).toEqual(['imported']);
  });

  it('should crawl a registry as a job, counting repositories, and return the crawl result', async () => {
    const image = await writeOciImage(await mkdtemp(join(tmpdir(), 'portcullis-image-')), { tag: 'v1' });
    for (const repository of ['library/one', 'library/two', 'library/three']) {
      const pushed = await skopeo([
        'copy',
        '--dest-tls-verify=false',
        ...credsFlag('dest', TEST_ADMIN),
        `oci:${image.dir}:v1`,
        `docker://${service}/${repository}:v1`,
      ]);
      expect(pushed.code).toBe(0);
    }
    const { data, response } = await admin.POST('/api/v1/registries/{id}/discover', {
      params: { path: { id: registryId }, header: ASYNC },
    });
    expect(response.status).toBe(202);
    const seen = await follow(admin, (data as Job).id);
    for (const job of seen.filter((j) => j.phase === 'crawling repositories')) expect(job.total).toBe(3);
    const last = seen.at(-1)!;
    // Its last phase as it ended.
    expect(last).toMatchObject({
      kind: 'registry.discover',
      state: 'succeeded',
      phase: 'crawling repositories',
      done: 3,
      total: 3,
    });
    expect(last.result).toMatchObject({ registry: service, ok: true, repositories: 3, tags: 3 });
  });

  it("should show a job only to who started it and to admins (another user's job is not found)", async () => {
    await admin.POST('/api/v1/config/apply', {
      body: { yaml: 'users: [{ name: nosy, password: nosy-password }]' },
    });
    const { data } = await admin.POST('/api/v1/config/apply', {
      body: { yaml: 'groups: [{ name: private }]' },
      params: { header: ASYNC },
    });
    const id = (data as Job).id;
    const nosy = await signIn('nosy', 'nosy-password');
    const answer = await nosy.GET('/api/v1/jobs/{id}', { params: { path: { id } } });
    expect(answer.response.status).toBe(404);
    expect(answer.error).toMatchObject({ code: 'JOB_NOT_FOUND' });
    const other = await createPortcullisClient(portcullis.url).GET('/api/v1/jobs/{id}', { params: { path: { id } } });
    expect(other.response.status).toBe(401);
    const bad = await admin.GET('/api/v1/jobs/{id}', { params: { path: { id: 'not-a-uuid' } } });
    expect(bad.response.status).toBe(400);
  });

  it('should report a job whose replica stopped beating as interrupted', async () => {
    // A replica that died mid-job cannot be produced on demand: its row is written as it would have left it.
    const id = '5d9a3c1e-8f2b-4a6d-9e0c-7b1f2a3c4d5e';
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO job (id, kind, actor, state, phase, done, total, created_at, updated_at)
         VALUES ($1, 'config.apply', 'admin', 'running', 'hashing secrets', 3, 10, now() - interval '5 minutes', now() - interval '1 minute')`,
        [id],
      );
    } finally {
      await client.end();
    }
    const { data } = await admin.GET('/api/v1/jobs/{id}', { params: { path: { id } } });
    expect(data).toMatchObject({
      state: 'failed',
      phase: 'hashing secrets',
      error: {
        statusCode: 503,
        code: 'JOB_INTERRUPTED',
        message: expect.stringContaining('stopped before it finished'),
      },
    });
    expect(data!.finishedAt).not.toBeNull();
  });
});
