import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  type OidcProviderServer,
  type RegistryServer,
  type RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  type TestDatabase,
  createTestDatabase,
  expectVisible,
  launchBrowser,
  screenshotOnFailure,
  skopeo,
  startOidcProvider,
  startPortcullis,
  startRegistryBehind,
} from '@portcullis/testing';
import { freePort } from '../apps/api/src/common/free-port';

interface UserView {
  name: string;
  source: string;
  email: string | null;
  groups: string[];
  syncedGroups: string[];
  privileges: string[];
}

/** Console sign-in through a real OpenID provider (oidc-provider, in process) in headless Chromium. */
describe('OpenID Connect sign-in', () => {
  let db: TestDatabase;
  let provider: OidcProviderServer;
  let portcullis: RunningPortcullis;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let registry: RegistryServer;

  const browse = (name: string, body: () => Promise<void>) =>
    it(name, () => screenshotOnFailure(page, name, body), 90_000);
  const userNamed = async (name: string): Promise<UserView | undefined> => {
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const page = (await (await fetch(`${portcullis.url}/api/v1/users?q=${name}`, { headers: admin })).json()) as {
      items: UserView[];
    };
    return page.items.find((u) => u.name === name);
  };
  /** The provider's own sign-in and consent pages, as a person fills them. */
  const signInAtProvider = async (login: string) => {
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = String(await freePort());
    const registryPort = await freePort();
    provider = await startOidcProvider(`http://localhost:${port}/api/v1/auth/oidc/callback`);
    provider.setAccount('pat', {
      sub: 'subject-of-pat',
      preferred_username: 'Pat',
      email: 'pat@example.org',
      groups: ['Platform Team', 'ops', 'not-ours'],
    });
    portcullis = await startPortcullis({
      DATABASE_URL: db.url,
      PORT: port,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_GROUP_PATTERN: 'Platform Team|ops',
      OIDC_PRIVILEGES: 'DockerRegistriesPuller',
      OIDC_LABEL: 'Example SSO',
    });
    registry = await startRegistryBehind(portcullis.url, { port: registryPort });
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const declared = await fetch(`${portcullis.url}/api/v1/registries`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ service: registry.host, url: `http://${registry.host}`, insecure: true }),
    });
    expect(declared.status).toBe(201);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await registry?.stop();
    await portcullis?.close();
    await provider?.stop();
    await db?.drop();
  });

  browse('should sign a user in through the provider, with its groups from the claim', async () => {
    const addresses: string[] = [];
    page.on('request', (request) => addresses.push(request.url()));
    await page.goto(`${portcullis.url}/tokens`);
    await page.waitForURL(/\/sign-in\?returnUrl=%2Ftokens/);
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await signInAtProvider('pat');
    await page.waitForURL(/\/tokens$/);
    await expectVisible(page.getByRole('link', { name: 'Your tokens (signed in as pat)' }));
    // The session's refresh token never travelled in an address: the callback set it as an
    // HttpOnly cookie for the refresh route.
    expect(addresses.some((address) => address.includes('/sign-in/callback?returnUrl='))).toBe(true);
    expect(addresses.filter((address) => /pcs_|refresh=/.test(address))).toEqual([]);
    expect((await context.cookies()).find((cookie) => cookie.name === 'portcullis_refresh')).toMatchObject({
      value: expect.stringMatching(/^pcs_/),
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/v1/auth/refresh',
    });
    expect(await userNamed('pat')).toEqual(
      expect.objectContaining({
        source: 'oidc',
        email: 'pat@example.org',
        groups: ['ops', 'platform-team'],
        syncedGroups: ['ops', 'platform-team'],
        privileges: ['DockerRegistriesPuller'],
      }),
    );
  });

  browse('should give the user a personal access token and the exact docker login line for it', async () => {
    await page.goto(`${portcullis.url}/tokens`);
    await page.getByLabel('Token name').fill('laptop');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByRole('region', { name: 'Secret of pat' });
    await expectVisible(secret);
    const token = (await secret.locator('code.value').textContent())!.trim();
    const lines = await secret.locator('pre code').allTextContents();
    expect(lines[0]).toBe(`docker login ${registry.host} --username pat`);
    expect(lines[1]).toBe(`echo "$PORTCULLIS_SECRET" | docker login ${registry.host} --username pat --password-stdin`);
    // The line works: a real client signs in to the registry with it.
    const authFile = join(await mkdtemp(join(tmpdir(), 'portcullis-auth-')), 'auth.json');
    const login = await skopeo([
      'login',
      '--tls-verify=false',
      '--authfile',
      authFile,
      '--username',
      'pat',
      '--password',
      token,
      registry.host,
    ]);
    expect(login).toMatchObject({ code: 0 });
    expect(login.stdout).toMatch(/Login Succeeded/);
  });

  browse('should follow the groups claim at the next sign-in, and keep the user by its subject', async () => {
    provider.setAccount('pat', { sub: 'subject-of-pat', preferred_username: 'Pat', groups: ['ops'] });
    await context.clearCookies();
    await page.goto(`${portcullis.url}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
    await signInAtProvider('pat');
    await expectVisible(page.getByRole('link', { name: 'Your tokens (signed in as pat)' }));
    expect(await userNamed('pat')).toMatchObject({ groups: ['ops'], syncedGroups: ['ops'], email: null });
  });

  browse('should refuse a provider account whose name is a local account', async () => {
    provider.setAccount('intruder', { sub: 'someone-else', preferred_username: 'admin' });
    await context.clearCookies();
    await page.goto(`${portcullis.url}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
    await signInAtProvider('intruder');
    await page.waitForURL(/\/sign-in\?error=oidc-failed$/);
    // The page names no account; the reason is in the audit log for administrators.
    await expectVisible(page.getByText(/sign-in through your provider failed/));
    expect(await page.getByText(/\badmin\b/).count()).toBe(0);
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const audit = (await (
      await fetch(`${portcullis.url}/api/v1/audit?action=session.refuse&limit=1`, { headers: admin })
    ).json()) as { items: { clause: string }[] };
    expect(audit.items[0]?.clause).toMatch(/user admin signs in with local, not oidc/);
  });

  browse('should show only sentences of its own for the codes in its address, never the address text', async () => {
    await page.goto(
      `${portcullis.url}/sign-in?error=${encodeURIComponent('Your account is locked: call +1 555 0100')}`,
    );
    await expectVisible(page.getByText('The sign-in failed. Try again.'));
    expect(await page.getByText(/555 0100/).count()).toBe(0);
  });

  browse('should take over a local account an administrator moved to OpenID Connect, keeping its groups', async () => {
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const api = (path: string, method: string, body: unknown) =>
      fetch(`${portcullis.url}/api/v1${path}`, { method, headers: admin, body: JSON.stringify(body) });
    expect((await api('/groups', 'POST', { name: 'auditors' })).status).toBe(201);
    const created = (await (
      await api('/users', 'POST', { name: 'quinn', password: 'quinn-password', groups: ['auditors'] })
    ).json()) as { id: number };
    const moved = await api(`/users/${created.id}`, 'PATCH', { source: 'oidc' });
    expect(await moved.json()).toMatchObject({ source: 'oidc', groups: ['auditors'] });
    const byPassword = await fetch(`${portcullis.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'quinn', password: 'quinn-password' }),
    });
    expect(byPassword.status).toBe(401);

    provider.setAccount('quinn', { sub: 'subject-of-quinn', preferred_username: 'quinn', groups: ['ops'] });
    await context.clearCookies();
    await page.goto(`${portcullis.url}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
    await signInAtProvider('quinn');
    await expectVisible(page.getByRole('link', { name: 'Your tokens (signed in as quinn)' }));
    expect(await userNamed('quinn')).toMatchObject({
      source: 'oidc',
      groups: ['auditors', 'ops'],
      syncedGroups: ['ops'],
    });
    const again = (await (await fetch(`${portcullis.url}/api/v1/users/${created.id}`, { headers: admin })).json()) as {
      name: string;
    };
    expect(again.name).toBe('quinn');
  });

  browse('should refuse a user an administrator disabled, though the provider signed it in', async () => {
    const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const users = (await (await fetch(`${portcullis.url}/api/v1/users?q=pat`, { headers: admin })).json()) as {
      items: { id: number; name: string }[];
    };
    const pat = users.items.find((u) => u.name === 'pat')!;
    const disabled = await fetch(`${portcullis.url}/api/v1/users/${pat.id}`, {
      method: 'PATCH',
      headers: admin,
      body: JSON.stringify({ disabled: true }),
    });
    expect(disabled.status).toBe(200);
    await context.clearCookies();
    await page.goto(`${portcullis.url}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
    await signInAtProvider('pat');
    await page.waitForURL(/\/sign-in\?error=oidc-failed$/);
    await expectVisible(page.getByText(/sign-in through your provider failed/));
  });

  it('should refuse a callback that no sign-in of this browser began', async () => {
    const response = await fetch(`${portcullis.url}/api/v1/auth/oidc/callback?code=stolen&state=guess`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!, portcullis.url);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('error')).toBe('oidc-expired');
  });

  it('should send the browser to the provider with PKCE, state and nonce', async () => {
    const response = await fetch(`${portcullis.url}/api/v1/auth/oidc/start?returnUrl=//evil.example`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    for (const name of ['code_challenge', 'state', 'nonce'])
      expect(location.searchParams.get(name)).toMatch(/^.{20,}$/);
    expect(response.headers.get('set-cookie')).toMatch(
      /^portcullis_oidc=.+; Max-Age=600; Path=\/api\/v1\/auth\/oidc; HttpOnly; Secure; SameSite=Lax$/,
    );
  });
});
