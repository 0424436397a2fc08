import bcrypt from 'bcryptjs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  OciImage,
  RegistryServer,
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  basicAuthorization,
  createTestDatabase,
  credsFlag,
  decodeJwt,
  skopeo,
  startPortcullis,
  startRegistryBehind,
  writeOciImage,
} from '@portcullis/testing';
import { freePort } from '../apps/api/src/common/free-port';

/** The access-model issue's example, with bob, a restricted reader and a second registry added. */
function portcullisYaml(service: string): string {
  return `
groups: [{ name: dev }, { name: ops }, { name: qa }]
users:
  - { name: alice, password: alice-pw-123, email: alice@example.com, groups: [dev], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: bob, password: bob-pw-1234, groups: [ops], privileges: [DockerRegistriesPuller, DockerRegistriesPusher] }
  - { name: carol, password: carol-pw-12, groups: [qa], privileges: [DockerRegistriesPuller] }
  - { name: root2, passwordHash: "$2y$05$CeqDkJ9.fBWQVXlPpJq2wuWmZl4Vc6jsfXhPPAf3.G6T1m7ZAUq6W", admin: true }
apps:
  - { name: shop, responsibles: [dev], publications: [ops] }
registries:
  - { service: "${service}", url: "http://${service}", insecure: true, restricted: false,
      responsibles: [ops], publications: [dev, ops], anonymousPull: ["public/**"] }
services:
  - { name: web1, app: shop, secret: web1-secret }
robots:
  - { name: ci-shop, app: shop, secret: ci-secret, permissions: [{ repositories: "apps/shop/**", actions: [pull, push] }] }
rules:
  - { match: { account: bob, name: "releases/**" }, actions: [pull], comment: "bob reads releases" }
`;
}

interface TokenBody {
  token: string;
}

function accessOf(jwt: string): unknown {
  return decodeJwt<{ access: unknown }>(jwt).claims.access;
}

describe('Access model with the real registry, from a declarative file', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let registry: RegistryServer;
  let image: OciImage;
  let service: string;

  const push = (creds: string | undefined, repository: string) =>
    skopeo([
      'copy',
      '--dest-tls-verify=false',
      ...credsFlag('dest', creds),
      `oci:${image.dir}:${image.tag}`,
      `docker://${registry.host}/${repository}`,
    ]);
  const pull = async (creds: string | undefined, repository: string) => {
    const dir = await mkdtemp(join(tmpdir(), 'portcullis-pulled-'));
    return skopeo([
      'copy',
      '--src-tls-verify=false',
      ...credsFlag('src', creds),
      `docker://${registry.host}/${repository}`,
      `oci:${dir}:x`,
    ]);
  };
  const api = async (path: string, init: RequestInit = {}) =>
    fetch(`${portcullis.url}/api/v1${path}`, {
      ...init,
      headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    service = `localhost:${port}`;
    const dir = await mkdtemp(join(tmpdir(), 'portcullis-config-'));
    await writeFile(join(dir, 'portcullis.yaml'), portcullisYaml(service));
    portcullis = await startPortcullis({ DATABASE_URL: db.url, CONFIG_FILE: join(dir, 'portcullis.yaml') });
    registry = await startRegistryBehind(portcullis.url, { port });
    image = await writeOciImage(await mkdtemp(join(tmpdir(), 'portcullis-image-')), { tag: 'v1' });
    // Content for the pull tests, pushed by an admin.
    for (const repository of ['apps/shop/api:v1', 'public/tools/jq:v1', 'library/busybox:v1', 'releases/app:v1']) {
      expect(await push(TEST_ADMIN, repository)).toMatchObject({ code: 0 });
    }
  });

  afterAll(async () => {
    await registry?.stop();
    await portcullis?.close();
    await db?.drop();
  });

  it('should let alice push to users/alice/ and groups/dev/, and not to users/bob/', async () => {
    expect(await push('alice:alice-pw-123', 'users/alice/hello:v1')).toMatchObject({ code: 0 });
    expect(await push('alice:alice-pw-123', 'groups/dev/hello:v1')).toMatchObject({ code: 0 });
    const refused = await push('alice:alice-pw-123', 'users/bob/hello:v1');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/denied|unauthorized/i);
  });

  it('should let service/web1 pull apps/shop/ and not push it', async () => {
    expect(await pull('service/web1:web1-secret', 'apps/shop/api:v1')).toMatchObject({ code: 0 });
    expect((await push('service/web1:web1-secret', 'apps/shop/web:v1')).code).not.toBe(0);
  });

  it('should let robot/ci-shop push to apps/shop/', async () => {
    expect(await push('robot/ci-shop:ci-secret', 'apps/shop/web:v1')).toMatchObject({ code: 0 });
    expect((await push('robot/ci-shop:ci-secret', 'library/busybox:v2')).code).not.toBe(0);
  });

  it('should let anonymous pull public/ only', async () => {
    expect(await pull(undefined, 'public/tools/jq:v1')).toMatchObject({ code: 0 });
    expect((await pull(undefined, 'library/busybox:v1')).code).not.toBe(0);
    expect((await push(undefined, 'public/tools/jq:v2')).code).not.toBe(0);
  });

  it('should accept an imported bcrypt hash, and apply the configured rule', async () => {
    expect(await pull('bob:bob-pw-1234', 'releases/app:v1')).toMatchObject({ code: 0 });
    expect((await pull('carol:carol-pw-12', 'releases/app:v1')).code).not.toBe(0);
  });

  it('should keep the configured rules when a docker_auth file without an acl is imported', async () => {
    const rulesBefore = ((await (await api('/rules')).json()) as { items: unknown[] }).items;
    expect(rulesBefore.length).toBeGreaterThan(0);
    const bcrypt = '$2y$05$abcdefghijklmnopqrstuu5JpY3fZCyNoCxX7yIHVvC.bL5rPJ8BW';
    const imported = await api('/config/import/docker-auth', {
      method: 'POST',
      body: JSON.stringify({ yaml: `users:\n  dora: { password: "${bcrypt}" }\n` }),
    });
    expect(imported.status).toBe(200);
    expect(((await (await api('/rules')).json()) as { items: unknown[] }).items).toEqual(rulesBefore);
    // The rule still decides: bob reads releases/.
    expect(await pull('bob:bob-pw-1234', 'releases/app:v1')).toMatchObject({ code: 0 });
  });

  it('should enforce a live rule change on the next token, without a restart', async () => {
    expect(await push('alice:alice-pw-123', 'users/alice/live:v1')).toMatchObject({ code: 0 });
    const created = await api('/rules', {
      method: 'POST',
      body: JSON.stringify({ match: { account: 'alice' }, actions: [], comment: 'freeze alice', position: 0 }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await push('alice:alice-pw-123', 'users/alice/live:v2')).code).not.toBe(0);
    expect((await api(`/rules/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await push('alice:alice-pw-123', 'users/alice/live:v3')).toMatchObject({ code: 0 });
  });

  it('should audit a denial with its reason', async () => {
    await pull('carol:carol-pw-12', 'library/busybox:v1');
    const response = await api(`/audit?actor=carol&registry=${encodeURIComponent(service)}&outcome=denied`);
    const page = (await response.json()) as { items: { clause: string; detail: { access: { name: string }[] } }[] };
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items[0]?.clause).toMatch(/no group of carol is a publication group/);
  });

  it('should audit refused credentials with why, and tell the client nothing more', async () => {
    const response = await fetch(`${portcullis.url}/token?service=${encodeURIComponent(service)}`, {
      headers: { authorization: basicAuthorization('robot/ci-shop:wrong-secret') },
    });
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).not.toMatch(/wrong secret/);
    const page = (await (await api('/audit?actor=robot%2Fci-shop&outcome=refused')).json()) as {
      items: { clause: string }[];
    };
    expect(page.items[0]?.clause).toMatch(/wrong secret for robot\/ci-shop/);
  });

  describe('explain matches the token', () => {
    let patPassword: string;

    beforeAll(async () => {
      const session = await portcullis.apiHeaders('alice', 'alice-pw-123');
      const created = await fetch(`${portcullis.url}/api/v1/access-tokens`, {
        method: 'POST',
        headers: session,
        body: JSON.stringify({ name: 'readonly', readOnly: true }),
      });
      patPassword = ((await created.json()) as { token: string }).token;
    });

    const cases: [string, string | undefined, string][] = [
      ['alice', 'alice-pw-123', 'repository:users/alice/x:pull,push,delete'],
      ['alice', 'alice-pw-123', 'repository:groups/dev/x:pull,push'],
      ['alice', 'alice-pw-123', 'repository:users/bob/x:pull,push'],
      ['alice', 'alice-pw-123', 'repository:apps/shop/web:pull,push'],
      ['alice', 'alice-pw-123', 'repository:library/busybox:pull,push'],
      ['alice', 'alice-pw-123', 'registry:catalog:*'],
      ['bob', 'bob-pw-1234', 'repository:releases/app:pull,push'],
      ['bob', 'bob-pw-1234', 'repository:library/busybox:*'],
      ['bob', 'bob-pw-1234', 'registry:catalog:*'],
      ['bob', 'bob-pw-1234', 'repository:apps/shop/web:pull,push'],
      ['carol', 'carol-pw-12', 'repository:users/carol/x:pull'],
      ['carol', 'carol-pw-12', 'repository:public/x:pull,push'],
      ['service/web1', 'web1-secret', 'repository:apps/shop/web:pull,push'],
      ['service/web1', 'web1-secret', 'repository:library/busybox:pull'],
      ['service/web1', 'web1-secret', 'repository:users/alice/x:pull'],
      ['robot/ci-shop', 'ci-secret', 'repository:apps/shop/web:pull,push,delete'],
      ['robot/ci-shop', 'ci-secret', 'repository:library/x:pull'],
      ['', undefined, 'repository:public/tools/jq:pull,push'],
      ['', undefined, 'repository:library/busybox:pull'],
      ['root2', 'root2-unused', 'registry:catalog:*'],
    ];

    it.each(cases)('for %j with %s', async (account, password, scope) => {
      const query = new URLSearchParams({ service, scope });
      const headers: Record<string, string> =
        password === undefined || account === 'root2'
          ? {}
          : { authorization: basicAuthorization(`${account}:${password}`) };
      const explained = await api('/access/explain', {
        method: 'POST',
        body: JSON.stringify({ account, service, scope: [scope] }),
      });
      expect(explained.status).toBe(200);
      const explanation = (await explained.json()) as {
        access: unknown;
        resources: { decisions: { clause: string }[] }[];
      };
      expect(explanation.resources[0]?.decisions.every((d) => d.clause.length > 0)).toBe(true);
      if (account === 'root2') {
        // root2's password is a bcrypt hash from the file; explain needs no secret.
        expect(explanation.access).toEqual([{ type: 'registry', name: 'catalog', actions: ['*'] }]);
        return;
      }
      const token = await fetch(`${portcullis.url}/token?${query.toString()}`, { headers });
      expect(token.status).toBe(200);
      expect(explanation.access).toEqual(accessOf(((await token.json()) as TokenBody).token));
    });

    it('should narrow a personal access token used as a docker password', async () => {
      const query = new URLSearchParams({ service, scope: 'repository:users/alice/x:pull,push' });
      const token = await fetch(`${portcullis.url}/token?${query.toString()}`, {
        headers: { authorization: basicAuthorization(`alice:${patPassword}`) },
      });
      expect(accessOf(((await token.json()) as TokenBody).token)).toEqual([
        { type: 'repository', name: 'users/alice/x', actions: ['pull'] },
      ]);
      expect(await pull(`alice:${patPassword}`, 'users/alice/hello:v1')).toMatchObject({ code: 0 });
      expect((await push(`alice:${patPassword}`, 'users/alice/hello:v2')).code).not.toBe(0);
    });

    it('should let a user explain only their own account', async () => {
      const headers = await portcullis.apiHeaders('carol', 'carol-pw-12');
      const own = await fetch(`${portcullis.url}/api/v1/access/explain`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ account: 'carol', service, scope: ['repository:x:pull'] }),
      });
      expect(own.status).toBe(200);
      const other = await fetch(`${portcullis.url}/api/v1/access/explain`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ account: 'alice', service, scope: ['repository:x:pull'] }),
      });
      expect(other.status).toBe(403);
    });
  });

  it('should refuse a document with an unknown group, naming the field, and write nothing', async () => {
    const response = await api('/config/apply', {
      method: 'POST',
      body: JSON.stringify({
        yaml: 'groups: [{ name: brandnew }]\nusers: [{ name: zed, password: zed-pw-123, groups: [brandnew, nosuch] }]',
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(
      'users[0].groups[1]: there is no group "nosuch"',
    );
    const { items: groups } = (await (await api('/groups')).json()) as { items: { name: string }[] };
    expect(groups.map((g) => g.name)).not.toContain('brandnew');
  });

  it('should import htpasswd and docker_auth files', async () => {
    const htpasswd = `imp:${bcrypt.hashSync('imp-password', 5).replace('$2b$', '$2y$')}\n`;
    const imported = await api('/config/import/htpasswd', { method: 'POST', body: JSON.stringify({ htpasswd }) });
    expect(imported.status).toBe(200);
    expect(((await imported.json()) as { created: { users: string[] } }).created.users).toEqual(['imp']);
    const login = await fetch(`${portcullis.url}/token?service=${encodeURIComponent(service)}`, {
      headers: { authorization: basicAuthorization('imp:imp-password') },
    });
    expect(login.status).toBe(200);

    const dockerAuth = 'acl:\n  - match: { account: imp, name: "imports/*" }\n    actions: [pull]\n';
    const rules = await api('/config/import/docker-auth', {
      method: 'POST',
      body: JSON.stringify({ yaml: dockerAuth }),
    });
    expect(rules.status).toBe(200);
    const query = new URLSearchParams({ service, scope: 'repository:imports/x:pull' });
    const token = await fetch(`${portcullis.url}/token?${query.toString()}`, {
      headers: { authorization: basicAuthorization('imp:imp-password') },
    });
    expect(accessOf(((await token.json()) as TokenBody).token)).toEqual([
      { type: 'repository', name: 'imports/x', actions: ['pull'] },
    ]);
  });

  it('should apply the same file twice without changes', async () => {
    const yaml = portcullisYaml(service);
    const first = (await (await api('/config/apply', { method: 'POST', body: JSON.stringify({ yaml }) })).json()) as {
      created: Record<string, string[]>;
    };
    expect(Object.values(first.created).flat()).toEqual([]);
    const { items: rules } = (await (await api('/rules')).json()) as { items: { comment: string }[] };
    expect(rules.filter((r) => r.comment === 'bob reads releases')).toHaveLength(1);
  });
});
