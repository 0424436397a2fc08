import { mkdtemp, readFile } from 'node:fs/promises';
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

/** Apache combined: host ident user [time] "request" status bytes "referer" "agent". */
const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`;
const COMBINED = new RegExp(String.raw`^(\S+) - (\S+) \[([^\]]+)\] ${QUOTED} (\d{3}) (\S+) ${QUOTED} ${QUOTED}$`);

/** ACCESS_LOG_FILE for fail2ban, and LOG_FORMAT=json request lines with their request id. */
describe('Request logs', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let accessLog: string;
  const written: string[] = [];
  let stdout: jest.SpyInstance;

  beforeAll(async () => {
    db = await createTestDatabase();
    accessLog = join(await mkdtemp(join(tmpdir(), 'portcullis-logs-')), 'access.log');
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    portcullis = await startPortcullis({ DATABASE_URL: db.url, ACCESS_LOG_FILE: accessLog, LOG_FORMAT: 'json' });
    await fetch(`${portcullis.url}/api/v1/registries`, {
      method: 'POST',
      headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
      body: JSON.stringify({ service: 'logs.test', url: 'http://127.0.0.1:9' }),
    });
  });

  afterAll(async () => {
    stdout?.mockRestore();
    await portcullis?.close();
    await db?.drop();
  });

  it("should append every request in Apache's combined format, failed logins with their user", async () => {
    const failed = await fetch(`${portcullis.url}/token?service=logs.test&scope=repository:a/b:pull`, {
      headers: { authorization: basicAuthorization('mallory:guess-1'), 'user-agent': 'docker/27 "quoted"' },
    });
    expect(failed.status).toBe(401);
    const ok = await fetch(`${portcullis.url}/token?service=logs.test`, {
      headers: { authorization: basicAuthorization(TEST_ADMIN) },
    });
    expect(ok.status).toBe(200);
    // containerd's OAuth2 POST: the login is in the body, and the log still names it.
    const posted = await fetch(`${portcullis.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: 'admin',
        password: TEST_ADMIN_PASSWORD,
        service: 'logs.test',
        client_id: 'containerd-client',
      }),
    });
    expect(posted.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = (await readFile(accessLog, 'utf8')).trim().split('\n');
    const parsed = lines.map((line) => COMBINED.exec(line));
    expect(parsed.every((m) => m !== null)).toBe(true);
    const refused = lines.find((l) => l.includes('scope=repository:a/b:pull'))!;
    expect(refused).toMatch(
      /^127\.0\.0\.1 - mallory \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET \/token\?service=logs\.test&scope=repository:a\/b:pull HTTP\/1\.1" 401 \d+ "-" "docker\/27 \\"quoted\\""$/,
    );
    expect(
      lines.some((l) => /^127\.0\.0\.1 - admin .* "GET \/token\?service=logs\.test HTTP\/1\.1" 200 /.test(l)),
    ).toBe(true);
    expect(lines.some((l) => /^127\.0\.0\.1 - admin .* "POST \/token HTTP\/1\.1" 200 /.test(l))).toBe(true);
    // The API caller, by name; and never a password anywhere.
    expect(lines.some((l) => / - admin .*"POST \/api\/v1\/registries HTTP\/1\.1" 201 /.test(l))).toBe(true);
    const all = lines.join('\n');
    expect(all).not.toContain('guess-1');
    expect(all).not.toContain(TEST_ADMIN_PASSWORD);
  });

  it('should write one JSON line per request, with its request id, on standard output', async () => {
    const response = await fetch(`${portcullis.url}/api/v1/health`);
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const requests = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.context === 'Http');
    expect(requests.find((r) => r.url === '/api/v1/health')).toMatchObject({
      level: 'log',
      method: 'GET',
      status: 200,
      reqId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ip: '127.0.0.1',
      ms: expect.any(Number),
    });
    expect(JSON.stringify(written)).not.toContain(TEST_ADMIN_PASSWORD);
  });
});
