import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  type LdapServer,
  type OciImage,
  type RegistryServer,
  type RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  type TestDatabase,
  basicAuthorization,
  createTestDatabase,
  expectVisible,
  launchBrowser,
  screenshotOnFailure,
  skopeoPush,
  startLdap,
  startPortcullis,
  startRegistryBehind,
  writeOciImage,
} from '@portcullis/testing';
import { freePort } from '../apps/api/src/common/free-port';

/**
 * Directory users against a real OpenLDAP (slapd), the real registry and skopeo: their directory
 * password is their docker and console password, their directory groups drive the access policy.
 */
describe('LDAP directory users', () => {
  let db: TestDatabase;
  let ldap: LdapServer;
  let portcullis: RunningPortcullis;
  let registry: RegistryServer;
  let image: OciImage;
  let browser: Browser;
  let page: Page;
  let service: string;

  const push = (creds: string, repository: string) => skopeoPush(image, registry.host, repository, creds);
  const token = (login: string, password: string) =>
    fetch(`${portcullis.url}/token?service=${encodeURIComponent(service)}&scope=repository:groups/platform/x:pull`, {
      headers: { authorization: basicAuthorization(`${login}:${password}`) },
    });

  beforeAll(async () => {
    [db, ldap] = await Promise.all([createTestDatabase(), startLdap()]);
    await ldap.addUser({ uid: 'alice', password: 'alice-directory-pw', mail: 'alice@example.org' });
    await ldap.addUser({ uid: 'bob', password: 'bob-directory-pw' });
    await ldap.addUser({ uid: 'carol', password: 'carol-directory-pw' });
    await ldap.setGroup('platform', ['alice']);
    await ldap.lock('carol');
    const port = await freePort();
    service = `localhost:${port}`;
    const dir = await mkdtemp(join(tmpdir(), 'portcullis-config-'));
    // The registry publishes to the group the directory's "platform" becomes.
    await writeFile(
      join(dir, 'portcullis.yaml'),
      `groups: [{ name: platform }]
registries:
  - { service: "${service}", url: "http://${service}", insecure: true, publications: [platform], responsibles: [platform] }
`,
    );
    portcullis = await startPortcullis({
      DATABASE_URL: db.url,
      CONFIG_FILE: join(dir, 'portcullis.yaml'),
      LDAP_URL: ldap.url,
      LDAP_BASE_DN: ldap.baseDn,
      LDAP_BIND_DN: ldap.bindDn,
      LDAP_BIND_PASSWORD: ldap.bindPassword,
      LDAP_PRIVILEGES: 'DockerRegistriesPuller,DockerRegistriesPusher',
      LDAP_TIMEOUT: '1',
      // Every token asks the directory again: group changes show at the next token.
      CREDENTIAL_CACHE_TTL: '0',
      OUTAGE_GRACE: '0',
    });
    registry = await startRegistryBehind(portcullis.url, { port });
    image = await writeOciImage(await mkdtemp(join(tmpdir(), 'portcullis-image-')), { tag: 'v1' });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await registry?.stop();
    await portcullis?.close();
    await Promise.all([ldap?.stop(), db?.drop()]);
  });

  it('should sign a directory user into the console with the directory password', () =>
    screenshotOnFailure(page, 'directory sign-in', async () => {
      await page.goto(`${portcullis.url}/sign-in`);
      await page.getByLabel('Login name').fill('alice');
      await page.getByLabel('Password').fill('alice-directory-pw');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectVisible(page.getByRole('link', { name: 'Your tokens (signed in as alice)' }));
      const me = await portcullis.apiHeaders('alice', 'alice-directory-pw');
      const body = (await (await fetch(`${portcullis.url}/api/v1/auth/me`, { headers: me })).json()) as {
        groups: string[];
      };
      expect(body.groups).toEqual(['platform']);
      const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
      const users = (await (await fetch(`${portcullis.url}/api/v1/users?q=alice`, { headers: admin })).json()) as {
        items: { name: string; source: string; syncedGroups: string[]; email: string }[];
      };
      expect(users.items).toEqual([
        expect.objectContaining({
          name: 'alice',
          source: 'ldap',
          syncedGroups: ['platform'],
          email: 'alice@example.org',
        }),
      ]);
      // A configuration file's groups for alice are an administrator's: the directory's stay.
      const yaml = 'groups: [{ name: auditors }]\nusers: [{ name: alice, groups: [auditors] }]\n';
      const applied = await fetch(`${portcullis.url}/api/v1/config/apply`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ yaml }),
      });
      expect(applied.status).toBe(200);
      const after = (await (await fetch(`${portcullis.url}/api/v1/users?q=alice`, { headers: admin })).json()) as {
        items: { groups: string[]; syncedGroups: string[] }[];
      };
      expect(after.items[0]).toMatchObject({ groups: ['auditors', 'platform'], syncedGroups: ['platform'] });
    }));

  it('should let the directory group push where its Portcullis group may, and no one else', async () => {
    expect(await push('alice:alice-directory-pw', 'groups/platform/app:v1')).toMatchObject({ code: 0 });
    const refused = await push('bob:bob-directory-pw', 'groups/platform/app:v2');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/denied|unauthorized/i);
    // The directory puts bob in the group: his next token says so.
    await ldap.setGroup('platform', ['alice', 'bob']);
    expect(await push('bob:bob-directory-pw', 'groups/platform/app:v2')).toMatchObject({ code: 0 });
    // And takes alice out of it.
    await ldap.setGroup('platform', ['bob']);
    expect((await push('alice:alice-directory-pw', 'groups/platform/app:v3')).code).not.toBe(0);
  });

  it('should refuse a wrong password and a disabled directory account, in docker and the console', async () => {
    expect((await token('alice', 'not-her-password')).status).toBe(401);
    expect((await token('carol', 'carol-directory-pw')).status).toBe(401);
    const login = await fetch(`${portcullis.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'carol', password: 'carol-directory-pw' }),
    });
    expect(login.status).toBe(401);
    expect((await push('carol:carol-directory-pw', 'users/carol/app:v1')).code).not.toBe(0);
  });

  it('should move a user between sources without losing its groups, tokens or history', async () => {
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const api = (path: string, method: string, body: unknown, headers = admin) =>
      fetch(`${portcullis.url}/api/v1${path}`, { method, headers, body: JSON.stringify(body) });
    const bob = await portcullis.apiHeaders('bob', 'bob-directory-pw');
    const created = (await (await api('/access-tokens', 'POST', { name: 'laptop' }, bob)).json()) as { token: string };
    const [row] = (
      (await (await fetch(`${portcullis.url}/api/v1/users?q=bob`, { headers: admin })).json()) as {
        items: { id: number }[];
      }
    ).items;

    const refused = await api(`/users/${row!.id}`, 'PATCH', { source: 'local' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/moving bob to local needs a password/);
    const moved = await api(`/users/${row!.id}`, 'PATCH', { source: 'local', password: 'bob-local-password' });
    expect(await moved.json()).toMatchObject({ source: 'local', groups: ['platform'], syncedGroups: [] });
    expect((await token('bob', 'bob-directory-pw')).status).toBe(401);
    expect((await token('bob', 'bob-local-password')).status).toBe(200);
    expect((await token('bob', created.token)).status).toBe(200);
    expect(await push('bob:bob-local-password', 'groups/platform/app:v4')).toMatchObject({ code: 0 });

    const back = await api(`/users/${row!.id}`, 'PATCH', { source: 'ldap' });
    expect(await back.json()).toMatchObject({ source: 'ldap' });
    expect((await token('bob', 'bob-local-password')).status).toBe(401);
    expect((await token('bob', 'bob-directory-pw')).status).toBe(200);
    const history = (await (
      await fetch(`${portcullis.url}/api/v1/audit?actor=bob&category=token`, { headers: admin })
    ).json()) as {
      items: unknown[];
    };
    expect(history.items.length).toBeGreaterThanOrEqual(4);
  });

  it('should answer the token endpoint at once with 503 while the directory hangs', async () => {
    ldap.pause();
    try {
      let started = performance.now();
      const first = await token('bob', 'bob-directory-pw');
      expect(first.status).toBe(503);
      expect(first.headers.get('retry-after')).toBe('5');
      expect(performance.now() - started).toBeLessThan(2500);
      started = performance.now();
      expect((await token('bob', 'bob-directory-pw')).status).toBe(503);
      expect(performance.now() - started).toBeLessThan(300);
      // Local accounts do not depend on the directory.
      expect((await token('admin', TEST_ADMIN_PASSWORD)).status).toBe(200);
    } finally {
      ldap.resume();
    }
  });
});
