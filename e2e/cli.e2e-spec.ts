import { execFile } from 'node:child_process';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import {
  CLI_MAIN,
  RegistryServer,
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  cliIn,
  createTestDatabase,
  credsFlag,
  skopeo,
  startPortcullis,
  startRegistryBehind,
  writeOciImage,
} from '@portcullis/testing';
import { freePort } from '../apps/api/src/common/free-port';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('The portcullis CLI against a running instance', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let registry: RegistryServer;
  let home: string;
  let service: string;

  const cli = (args: string[], env: Record<string, string> = {}): Promise<Run> => cliIn(home)(args, env);
  /** The CLI on a pseudo-terminal (script(1)): what the terminal showed. */
  const terminal = (args: string[]): Promise<{ code: number; output: string }> =>
    new Promise((resolve) => {
      const command = [process.execPath, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
      execFile(
        'script',
        ['--quiet', '--return', '--command', command, '/dev/null'],
        { env: { ...process.env, XDG_CONFIG_HOME: home, TERM: 'xterm' }, timeout: 60_000 },
        (error, stdout) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout }),
      );
    });
  const cliJson = async <T>(args: string[]): Promise<T> => {
    const run = await cli(['--json', ...args]);
    if (run.code !== 0) throw new Error(`portcullis ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    home = await mkdtemp(join(tmpdir(), 'portcullis-cli-home-'));
    const port = await freePort();
    service = `localhost:${port}`;
    registry = await startRegistryBehind(portcullis.url, { port });
  });

  afterAll(async () => {
    await registry?.stop();
    await portcullis?.close();
    await db?.drop();
  });

  it('should refuse commands before login with exit code 4, and bad usage with 2', async () => {
    expect((await cli(['registries', 'ls'])).code).toBe(4);
    expect((await cli(['registries', 'frobnicate'])).code).toBe(2);
  });

  it('should log in, keeping a personal access token in a file only its owner reads', async () => {
    const run = await cli(['--json', '--url', portcullis.url, 'login', '--user', 'admin'], {
      PORTCULLIS_PASSWORD: TEST_ADMIN_PASSWORD,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ url: portcullis.url, user: 'admin' });
    const file = join(home, 'portcullis', 'login.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(run.stdout).not.toContain('pcp_');
  });

  it('should create a registry, apply a file, list repositories, delete a tag and explain a decision', async () => {
    const created = await cliJson<{ id: number; service: string }>(['registries', 'add', service, `http://${service}`]);
    expect(created.service).toBe(service);

    const file = join(home, 'portcullis.yaml');
    await writeFile(
      file,
      `groups: [{ name: dev }]\nusers:\n  - { name: dora, password: dora-password, groups: [dev], privileges: [DockerRegistriesPuller] }\nregistries:\n  - { service: "${service}", url: "http://${service}", publications: [dev] }\n`,
    );
    const applied = await cliJson<{ created: { users: string[] } }>(['apply', '-f', file]);
    expect(applied.created.users).toEqual(['dora']);
    // Applying it again creates nothing and names what it brought in line.
    const again = await cliJson<{ created: Record<string, string[]>; updated: Record<string, string[]> }>([
      'apply',
      '-f',
      file,
    ]);
    expect(Object.values(again.created).flat()).toEqual([]);
    expect(again.updated).toMatchObject({ groups: ['dev'], users: ['dora'], registries: [service] });

    const image = await writeOciImage(await mkdtemp(join(tmpdir(), 'portcullis-image-')), { tag: 'v1' });
    for (const tag of ['v1', 'v2']) {
      const pushed = await skopeo([
        'copy',
        '--dest-tls-verify=false',
        ...credsFlag('dest', TEST_ADMIN),
        `oci:${image.dir}:v1`,
        `docker://${service}/library/tool:${tag}`,
      ]);
      expect(pushed.code).toBe(0);
    }
    const crawl = await cliJson<{ ok: boolean; tags: number }>(['registries', 'discover', service]);
    expect(crawl).toMatchObject({ ok: true, tags: 2, mode: 'full' });
    // The schedule's crawl, on demand (this registry sends no notifications: still everything).
    expect(await cliJson(['registries', 'discover', service, '--due'])).toMatchObject({
      ok: true,
      mode: 'due',
      light: false,
      verified: 1,
    });

    const page = await cliJson<{ items: { name: string; tags: { name: string }[] }[] }>(['repos', 'ls', service]);
    expect(page.items.map((r) => [r.name, r.tags.map((t) => t.name)])).toEqual([['library/tool', ['v1', 'v2']]]);

    const refused = await cli(['tags', 'rm', service, 'library/tool', 'v1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/v2 also points to.*\[TAG_DIGEST_SHARED\]/);
    const deleted = await cliJson<{ tags: string[] }>(['tags', 'rm', service, 'library/tool', 'v1', '--force']);
    expect(deleted.tags).toEqual(['v1', 'v2']);
    expect(await cliJson<unknown[]>(['tags', 'ls', service, 'library/tool'])).toEqual([]);

    const explanation = await cliJson<{
      access: { actions: string[] }[];
      resources: { decisions: { action: string; granted: boolean; clause: string }[] }[];
    }>(['explain', 'dora', service, 'repository:library/tool:pull,push']);
    expect(explanation.access).toEqual([{ type: 'repository', name: 'library/tool', actions: ['pull'] }]);
    expect(explanation.resources[0]!.decisions[1]).toMatchObject({
      action: 'push',
      granted: false,
      clause: expect.stringMatching(/dora lacks DockerRegistriesPusher/),
    });
  });

  it('should draw progress bars on a terminal, and nothing but the result in a pipe', async () => {
    const file = join(home, 'many-users.yaml');
    const users = Array.from({ length: 80 }, (_, i) => `  - { name: many-${i}, password: many-password-${i} }`);
    await writeFile(file, `users:\n${users.join('\n')}\n`);
    // script(1) gives the CLI a pseudo-terminal, as a person's shell would.
    const tty = await terminal([CLI_MAIN, 'apply', '-f', file]);
    expect(tty.code).toBe(0);
    expect(tty.output).toMatch(/hashing secrets .*\d+\/80/);
    expect(tty.output).toMatch(/many-0/);

    const crawl = await terminal([CLI_MAIN, 'registries', 'discover', service]);
    expect(crawl.code).toBe(0);
    expect(crawl.output).toMatch(/crawling repositories .*1\/1/);

    const piped = await cli(['registries', 'discover', service]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toContain(service);
  });

  it('should show a job, and wait for it', async () => {
    const file = join(home, 'one-group.yaml');
    await writeFile(file, 'groups: [{ name: waited }]\n');
    const response = await fetch(`${portcullis.url}/api/v1/config/apply`, {
      method: 'POST',
      headers: { ...(await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD)), Prefer: 'respond-async' },
      body: JSON.stringify({ yaml: 'groups: [{ name: waited }]' }),
    });
    const job = (await response.json()) as { id: string };
    const result = await cliJson<{ created: { groups: string[] } }>(['jobs', 'show', job.id, '--wait']);
    expect(result.created.groups).toEqual(['waited']);
    expect(await cliJson<{ state: string; kind: string }>(['jobs', 'show', job.id])).toMatchObject({
      state: 'succeeded',
      kind: 'config.apply',
    });
    expect((await cli(['jobs', 'show', '00000000-0000-4000-8000-000000000000'])).stderr).toMatch(/JOB_NOT_FOUND/);
  });

  it('should print tables for people', async () => {
    const run = await cli(['registries', 'ls']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/service[\s\S]*localhost:\d+/);
    const explained = await cli(['explain', 'dora', service, 'repository:library/tool:push']);
    expect(explained.stdout).toMatch(/no {2}push: .*lacks DockerRegistriesPusher/);
  });

  it("should change a registry's settings with set, only those given, and turn them off again", async () => {
    const added = await cliJson<{ fronted: boolean; restricted: boolean }>([
      'registries',
      'add',
      'settings.test',
      'http://settings.test',
      '--fronted',
      '--restricted',
    ]);
    expect(added).toMatchObject({ fronted: true, restricted: true });
    const set = await cliJson<{ fronted: boolean; restricted: boolean; anonymousPull: string[] }>([
      'registries',
      'set',
      'settings.test',
      '--no-fronted',
      '--anonymous-pull',
      'public/**',
    ]);
    expect(set).toMatchObject({ fronted: false, restricted: true, anonymousPull: ['public/**'] });
    expect(
      await cliJson(['registries', 'set', 'settings.test', '--anonymous-pull', '', '--no-restricted']),
    ).toMatchObject({ fronted: false, restricted: false, anonymousPull: [] });
    expect((await cli(['registries', 'set', 'settings.test'])).code).toBe(2);
  });

  it('should report a refusal with the API message and exit code 1', async () => {
    const run = await cli(['registries', 'add', 'Bad Service', 'http://x']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/service must be .*\[VALIDATION_FAILED\] \(correlation id [0-9a-f-]{36}\)/);
  });

  it('should manage people, machines, tokens and rules, and read the audit log', async () => {
    expect(await cliJson<{ name: string }>(['groups', 'add', 'ci'])).toMatchObject({ name: 'ci' });
    expect((await cliJson<{ items: { name: string }[] }>(['groups', 'ls'])).items.map((g) => g.name)).toContain('ci');
    expect(await cliJson<{ name: string }>(['apps', 'add', 'shop', '--responsibles', 'ci'])).toMatchObject({
      name: 'shop',
      responsibles: ['ci'],
    });
    const robot = await cliJson<{ id: number; login: string; secret: string }>([
      'robots',
      'add',
      'builder',
      'shop',
      '--repositories',
      'apps/shop/**',
    ]);
    expect(robot).toMatchObject({ login: 'robot/builder', secret: expect.any(String) });
    expect(await cliJson<{ revoked: boolean }>(['robots', 'revoke', String(robot.id)])).toMatchObject({
      revoked: true,
    });
    const service = await cliJson<{ login: string; secret: string }>(['services', 'add', 'web', 'shop']);
    expect(service.login).toBe('service/web');

    const user = await cli(
      ['--json', 'users', 'add', 'erik', '--groups', 'ci', '--privileges', 'DockerRegistriesPuller'],
      { PORTCULLIS_NEW_PASSWORD: 'erik-password' },
    );
    expect(user.code).toBe(0);
    const erik = JSON.parse(user.stdout) as { id: number };
    expect(await cliJson<{ disabled: boolean }>(['users', 'disable', String(erik.id)])).toMatchObject({
      disabled: true,
    });

    const token = await cliJson<{ id: string; token: string }>(['tokens', 'create', 'ci-pipeline', '--read-only']);
    expect(token.token).toMatch(/^pcp_/);
    expect((await cliJson<{ items: { name: string }[] }>(['tokens', 'ls'])).items.map((t) => t.name)).toContain(
      'ci-pipeline',
    );
    expect((await cli(['tokens', 'revoke', token.id])).code).toBe(0);

    const rule = await cliJson<{ id: number }>([
      'rules',
      'add',
      '{"account":"erik","name":"releases/**"}',
      'pull',
      '--comment',
      'erik reads releases',
    ]);
    expect((await cliJson<{ items: { comment: string }[] }>(['rules', 'ls'])).items.map((r) => r.comment)).toContain(
      'erik reads releases',
    );
    expect((await cli(['rules', 'add', '{"name":"/[/"}', 'pull'])).code).toBe(1);
    expect((await cli(['rules', 'rm', String(rule.id)])).code).toBe(0);

    const audit = await cliJson<{ items: { action: string }[] }>(['audit', '--category', 'change', '--limit', '50']);
    expect(audit.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['createRobot', 'createRule', 'deleteRule', 'updateUser']),
    );
  });

  it('should log in with a second factor, and keep a token created in the console', async () => {
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const api = (path: string, body: unknown, headers: Record<string, string>) =>
      fetch(`${portcullis.url}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect((await api('/users', { name: 'wes', password: 'wes-password' }, admin)).status).toBe(201);
    const wes = await portcullis.apiHeaders('wes', 'wes-password');
    const { secret } = (await (await api('/auth/two-factor/enrol', {}, wes)).json()) as { secret: string };
    const code = (ahead: number) =>
      new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + ahead * 30_000 });
    expect((await api('/auth/two-factor/confirm', { code: code(0) }, wes)).status).toBe(200);
    const home2 = await mkdtemp(join(tmpdir(), 'portcullis-cli-home-'));
    const as = (args: string[], env: Record<string, string>) => cli(args, { XDG_CONFIG_HOME: home2, ...env });

    const without = await as(['--url', portcullis.url, 'login', '--user', 'wes'], {
      PORTCULLIS_PASSWORD: 'wes-password',
    });
    expect(without.code).toBe(4);
    expect(without.stderr).toMatch(/give the code of your authenticator app with --code/);
    const withCode = await as(['--json', '--url', portcullis.url, 'login', '--user', 'wes', '--code', code(1)], {
      PORTCULLIS_PASSWORD: 'wes-password',
    });
    expect(withCode.code).toBe(0);
    expect((await as(['--json', 'tokens', 'ls'], {})).code).toBe(0);
    expect((await as(['logout'], {})).code).toBe(0);

    // An account that signs in through a browser keeps a token it made in the console.
    const made = (await (await api('/access-tokens', { name: 'for the CLI' }, admin)).json()) as { token: string };
    const kept = await as(['--json', '--url', portcullis.url, 'login', '--user', 'admin'], {
      PORTCULLIS_TOKEN: made.token,
    });
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.stdout)).toMatchObject({ user: 'admin', token: 'for the CLI' });
    expect((await as(['--json', 'registries', 'ls'], {})).code).toBe(0);
    const wrongOwner = await as(['--url', portcullis.url, 'login', '--user', 'wes'], { PORTCULLIS_TOKEN: made.token });
    expect(wrongOwner.code).toBe(1);
    expect(wrongOwner.stderr).toMatch(/not a personal access token of wes/);
  });

  it('should log out, revoking the kept token', async () => {
    expect((await cli(['logout'])).code).toBe(0);
    expect((await cli(['registries', 'ls'])).code).toBe(4);
    const tokens = (await (
      await fetch(`${portcullis.url}/api/v1/access-tokens`, {
        headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
      })
    ).json()) as { items: { name: string }[] };
    expect(tokens.items.filter((t) => t.name.startsWith('portcullis CLI'))).toEqual([]);
  });
});
