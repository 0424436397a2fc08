import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  RegistryServer,
  RunningPortcullis,
  TEST_ADMIN,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  credsFlag,
  decodeJwt,
  expectVisible,
  launchBrowser,
  screenshotOnFailure,
  skopeo,
  startPortcullis,
  startRegistryBehind,
  writeOciImage,
} from '@portcullis/testing';
import { freePort } from '../apps/api/src/common/free-port';

/** The console in headless Chromium, against a running instance with a real registry behind it. */
describe('The console in a browser', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let registry: RegistryServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let service: string;
  /** The robot's secret, as the console showed it. */
  let robotSecret = '';

  /** A test whose failure leaves a screenshot of the page. */
  const browse = (name: string, body: () => Promise<void>) =>
    it(name, () => screenshotOnFailure(page, name, body), 90_000);

  /** Signs in with the keyboard alone: Tab to each field, type, Enter; the focus always shows. */
  const signInByKeyboard = async () => {
    const focused = () =>
      page.evaluate<{ label: string; outline: string }>(`(() => {
        const e = document.activeElement;
        const style = getComputedStyle(e);
        return { label: e.labels?.[0]?.textContent?.trim() ?? e.textContent?.trim(), outline: style.outlineStyle };
      })()`);
    // From the page's first stop, the skip link, past the brand link.
    await page.getByRole('link', { name: 'Skip to content' }).focus();
    await page.keyboard.press('Tab');
    expect((await focused()).label).toBe('Portcullis');
    await page.keyboard.press('Tab');
    expect((await focused()).label).toMatch(/^Login name/);
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    expect((await focused()).label).toMatch(/^Password/);
    await page.keyboard.type(TEST_ADMIN_PASSWORD);
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ label: 'Sign in', outline: 'solid' });
    await page.keyboard.press('Enter');
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    const port = await freePort();
    service = `localhost:${port}`;
    registry = await startRegistryBehind(portcullis.url, { port });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await registry?.stop();
    await portcullis?.close();
    await db?.drop();
  });

  browse('should send a visitor to sign in, and back where they were going afterwards', async () => {
    await page.goto(`${portcullis.url}/registries`);
    await page.waitForURL(/\/sign-in\?returnUrl=%2Fregistries/);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByText('Enter your login name'));
    await page.getByLabel('Login name').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await expectVisible(alert);
    expect(await alert.textContent()).toMatch(/correlation id [0-9a-f-]{36}/);
    await page.getByLabel('Password').fill(TEST_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/registries$/);
    await expectVisible(page.getByText('No registry is declared yet'));
    await expectVisible(page.getByRole('link', { name: 'Your tokens (signed in as admin)' }));
  });

  browse('should declare a registry, checking the form as it is filled', async () => {
    await page.getByRole('link', { name: 'Declare a registry' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Declare a registry' }));
    await page.getByLabel('Service').fill('-bad-');
    await page.getByLabel('URL').fill('ftp://nope');
    await page.getByLabel('Publications').fill('dev, Not A Group');
    await page.getByRole('button', { name: 'Declare' }).click();
    await expectVisible(page.getByText('Letters, digits, ".", "_", ":" and "-"'));
    await expectVisible(page.getByText('An http:// or https:// URL'));
    await expectVisible(page.getByText('Not A Group: a group name is'));
    await page.getByLabel('Service').fill(service);
    await page.getByLabel('URL').fill(`http://${service}`);
    await page.getByLabel('Publications').fill('');
    await page.getByRole('button', { name: 'Declare' }).click();
    await page.waitForURL(/\/registries\/\d+$/);
    await expectVisible(page.getByRole('heading', { name: service }));
    // The API refuses what the form cannot know: a service already declared.
    await page.goto(`${portcullis.url}/registries/new`);
    await expectVisible(page.getByRole('heading', { name: 'Declare a registry' }));
    await page.getByLabel('Service').fill(service);
    await page.getByLabel('URL').fill(`http://${service}`);
    await page.getByRole('button', { name: 'Declare' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/REGISTRY_SERVICE_TAKEN/);
  });

  browse('should discover a pushed image, following the crawl, and give the configuration files', async () => {
    const image = await writeOciImage(await mkdtemp(join(tmpdir(), 'portcullis-image-')), { tag: 'v1' });
    const pushed = await skopeo([
      'copy',
      '--dest-tls-verify=false',
      ...credsFlag('dest', TEST_ADMIN),
      `oci:${image.dir}:v1`,
      `docker://${service}/library/shown:v1`,
    ]);
    expect(pushed.code).toBe(0);
    await page.goto(`${portcullis.url}/registries`);
    await page.getByRole('link', { name: service }).click();
    await page.getByRole('button', { name: 'Discover now' }).click();
    await expectVisible(page.getByText('Discovery done: 1 repository.'));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download config.yml' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('config.yml');
    const configYml = await readFile(await download.path(), 'utf8');
    expect(configYml).toContain(`realm: ${portcullis.url}/token`);
    expect(configYml).toContain(`service: ${service}`);

    // Every file of the registry, as `portcullis registries provision` writes them.
    const [files] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download its files (.tar.gz)' }).click(),
    ]);
    expect(files.suggestedFilename()).toBe(`${service.replace(':', '_')}.tar.gz`);
    const { stdout: listing } = await promisify(execFile)('tar', ['-tzf', await files.path()]);
    expect(listing.split('\n')).toEqual(
      expect.arrayContaining([`${service.replace(':', '_')}/config.yml`, `${service.replace(':', '_')}/nginx.conf`]),
    );
  });

  browse(
    'should show the pushed image with its tags, copy a digest, and delete a tag naming those sharing it',
    async () => {
      // v2: the same manifest as v1, copied within the registry.
      const pushed = await skopeo([
        'copy',
        '--src-tls-verify=false',
        '--dest-tls-verify=false',
        ...credsFlag('src', TEST_ADMIN),
        ...credsFlag('dest', TEST_ADMIN),
        `docker://${service}/library/shown:v1`,
        `docker://${service}/library/shown:v2`,
      ]);
      expect(pushed.code).toBe(0);
      await page.getByRole('button', { name: 'Discover now' }).click();
      await expectVisible(page.getByText('Discovery done: 1 repository.'));
      await page.getByRole('link', { name: 'Browse repositories' }).click();
      await page.getByLabel('Filter by name').fill('shown');
      await page.getByRole('link', { name: 'library/shown' }).click();
      await page.waitForURL(/\/repositories\/library%2Fshown$/);
      await expectVisible(page.getByRole('heading', { name: 'library/shown' }));
      const rows = page.getByRole('row');
      await expectVisible(rows.filter({ hasText: 'v2' }));
      expect(await rows.count()).toBe(3); // the header, v1, v2

      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portcullis.url });
      await page.getByRole('button', { name: 'Copy the digest of v1' }).click();
      await expectVisible(page.getByRole('button', { name: 'Copy the digest of v1' }).filter({ hasText: 'Copied' }));
      expect(await page.evaluate('navigator.clipboard.readText()')).toMatch(/^sha256:[0-9a-f]{64}$/);

      await page.getByRole('button', { name: 'Delete v1' }).click();
      const dialog = page.getByRole('dialog');
      await expectVisible(dialog.getByText('These tags point to the same manifest and are deleted too: v2.'));
      await dialog.getByRole('button', { name: 'Delete 2 tags' }).click();
      await expectVisible(page.getByText('This repository has no tags left'));
    },
  );

  browse('should create a robot, show its secret once with a copy button, and the secret works', async () => {
    const applied = await fetch(`${portcullis.url}/api/v1/config/apply`, {
      method: 'POST',
      headers: await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD),
      body: JSON.stringify({ yaml: 'apps: [{ name: shop }]' }),
    });
    expect(applied.status).toBe(200);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Robots' }).click();
    await expectVisible(page.getByText('No robot yet'));
    await page.getByRole('button', { name: 'New robot' }).click();
    await page.getByRole('button', { name: 'Create robot' }).click();
    await expectVisible(page.getByText('Enter a name'));
    await expectVisible(page.getByText('Choose the app that owns the robot'));
    await page.getByLabel('Name').fill('ci-shop');
    await page.getByLabel('App').click();
    await page.getByRole('option', { name: 'shop' }).click();
    await page.getByLabel('Repositories').fill('apps/shop/**');
    await page.getByRole('checkbox', { name: 'push' }).check();
    await page.getByRole('button', { name: 'Create robot' }).click();

    const secretRegion = page.getByRole('region', { name: 'Secret of robot/ci-shop' });
    await expectVisible(secretRegion);
    const secret = (await secretRegion.locator('code.value').textContent())!.trim();
    expect(secret.length).toBeGreaterThanOrEqual(20);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portcullis.url });
    await secretRegion.getByRole('button', { name: 'Copy secret' }).click();
    await expectVisible(secretRegion.getByRole('button', { name: 'Copied' }));
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    await expectVisible(page.getByRole('cell', { name: 'apps/shop/**: pull, push' }));

    // What was copied logs in: a token for a push within the app.
    const token = await fetch(`${portcullis.url}/token?service=${service}&scope=repository:apps/shop/web:pull,push`, {
      headers: { authorization: `Basic ${Buffer.from(`robot/ci-shop:${secret}`).toString('base64')}` },
    });
    expect(token.status).toBe(200);
    const { token: jwt } = (await token.json()) as { token: string };
    const { claims } = decodeJwt<{ access: unknown }>(jwt);
    expect(claims.access).toEqual([{ type: 'repository', name: 'apps/shop/web', actions: ['pull', 'push'] }]);

    await secretRegion.getByRole('button', { name: 'I stored it' }).click();
    await secretRegion.waitFor({ state: 'detached' });
    robotSecret = secret;
  });

  browse('should find a denial in the audit log, with its reason, and export it as CSV', async () => {
    // The robot reaches outside its app: denied.
    const denied = await fetch(`${portcullis.url}/token?service=${service}&scope=repository:apps/other/web:push`, {
      headers: { authorization: `Basic ${Buffer.from(`robot/ci-shop:${robotSecret}`).toString('base64')}` },
    });
    expect(denied.status).toBe(200);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByLabel('Outcome').click();
    await page.getByRole('option', { name: 'denied' }).click();
    await page.getByLabel('Actor').fill('robot/ci-shop');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const row = page.getByRole('row').filter({ hasText: 'apps/other/web' });
    await expectVisible(row);
    expect(await row.textContent()).toMatch(/robot\/ci-shop.*denied/);
    // Why: the deciding clause.
    expect(await row.getByRole('cell').last().textContent()).toContain(
      'robot/ci-shop: no permission covers apps/other/web',
    );
    expect(await page.getByRole('row').count()).toBe(2); // the header and the denial

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('at,category,action,outcome,actor,actorKind,registry,target,clause,address,count');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',denied,robot/ci-shop,robot,');
    await expectVisible(page.getByText('Exported 1 events.'));
  });

  browse('should show the dashboard: registries with their health, activity, and recent denials', async () => {
    await page.getByRole('link', { name: 'Portcullis' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Dashboard' }));
    await expectVisible(page.getByRole('link', { name: service }));
    const glance = page.getByRole('list', { name: 'At a glance' });
    expect((await glance.innerText()).replace(/\s+/g, ' ')).toMatch(/^1 registries 0 down \d+ repositories 0 pushes/);
    await expectVisible(page.getByRole('img', { name: 'Pushes and pulls per day, last 14 days' }));
    await expectVisible(
      page.getByRole('listitem').filter({ hasText: 'robot/ci-shop: no permission covers apps/other/web' }),
    );
  });

  browse('should search from the toolbar, images only with docker:, and lead to the repository', async () => {
    const search = page.getByRole('search').getByLabel('Search');
    await search.fill('docker:shown');
    await search.press('Enter');
    await page.waitForURL(/\/search\?q=docker(%3A|:)shown$/);
    const results = page.getByRole('listitem');
    await expectVisible(results.filter({ hasText: 'library/shown' }));
    expect(await results.allTextContents()).toEqual([expect.stringMatching(/repository\s*library\/shown/)]);
    await page.getByRole('link', { name: 'library/shown' }).click();
    await expectVisible(page.getByRole('heading', { name: 'library/shown' }));

    // Its description and flags, as docker search shows them.
    await page.getByRole('button', { name: 'Edit details' }).click();
    const details = page.getByRole('form', { name: 'Repository details' });
    await details.getByLabel('Description').fill('The image the console showed');
    await details.getByRole('checkbox', { name: 'Official' }).check();
    await details.getByRole('button', { name: 'Save details' }).click();
    await expectVisible(page.getByText('The image the console showed'));
    await expectVisible(page.getByText('official', { exact: true }));
    const dockerSearch = await fetch(`${portcullis.url}/v1/search?q=shown`, {
      headers: { authorization: `Basic ${Buffer.from(TEST_ADMIN).toString('base64')}` },
    });
    expect(((await dockerSearch.json()) as { results: unknown[] }).results).toEqual([
      expect.objectContaining({ description: 'The image the console showed', is_official: true }),
    ]);
  });

  browse('should show the signing keys and the certificate bundle to download', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Keys' }).click();
    const jwks = (await (await fetch(`${portcullis.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    await expectVisible(page.getByText(jwks.keys[0]!.kid));
    expect(await page.getByRole('listitem').first().textContent()).toMatch(/ES256 \(P-256\)\s*· signing/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the certificate bundle' }).click(),
    ]);
    expect(await readFile(await download.path(), 'utf8')).toContain('-----BEGIN CERTIFICATE-----');
  });

  browse('should write rules, reorder them, and answer the simulator with the deciding clause', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
    await expectVisible(page.getByText('No rule: the built-in policy decides alone'));
    const addRule = async (fields: Record<string, string>, comment: string, actions: { pull: boolean }) => {
      await page.getByRole('button', { name: 'New rule' }).click();
      const form = page.getByRole('form', { name: 'New rule' });
      for (const [field, value] of Object.entries(fields)) await form.getByLabel(field, { exact: true }).fill(value);
      if (!actions.pull) await form.getByRole('checkbox', { name: 'pull' }).uncheck();
      await form.getByLabel('Comment').fill(comment);
      await form.getByRole('button', { name: 'Save rule' }).click();
      await form.waitFor({ state: 'detached' });
    };
    // The form refuses a pattern that can never match, with the reason.
    await page.getByRole('button', { name: 'New rule' }).click();
    await page.getByRole('form', { name: 'New rule' }).getByLabel('name', { exact: true }).fill('Library/**');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await expectVisible(page.getByText(/can never match/));
    await page.getByRole('button', { name: 'Cancel' }).click();

    await addRule({ account: '', name: 'library/**' }, 'everyone reads the library', { pull: true });
    await addRule({ account: 'robot/ci-shop', name: 'library/**' }, 'but not the shop robot', { pull: false });
    const items = page.getByRole('listitem');
    await expectVisible(items.filter({ hasText: 'but not the shop robot' }));
    expect(await items.first().textContent()).toContain('everyone reads the library');

    // Ask: the first rule matches anonymous pulls of library/shown.
    const simulator = page.getByRole('region', { name: 'Policy simulator' });
    const ask = async (who: string, repository: string) => {
      await simulator.getByLabel('Who').fill(who);
      await simulator.getByLabel('Registry').click();
      await page.getByRole('option', { name: service }).click();
      await simulator.getByLabel('Repository').fill(repository);
      await simulator.getByRole('button', { name: 'Ask' }).click();
    };
    await ask('robot/ci-shop', 'library/shown');
    const answer = simulator.getByRole('status');
    await expectVisible(answer.getByText('robot/ci-shop gets pull on library/shown.'));
    expect(await answer.textContent()).toMatch(/yes · pull: .*rule/i);

    // Move the deny up (keyboard path): now it decides first.
    await page.getByRole('button', { name: 'Move rule 2 up' }).click();
    await expectVisible(items.first().filter({ hasText: 'but not the shop robot' }));
    await page.reload();
    await expectVisible(page.getByRole('listitem').first().filter({ hasText: 'but not the shop robot' }));
    await ask('robot/ci-shop', 'library/shown');
    await expectVisible(simulator.getByRole('status').getByText('robot/ci-shop gets nothing on library/shown.'));
    expect(await simulator.getByRole('status').textContent()).toMatch(/no · pull: /);

    // Drag (the pointer's way): rule 2 by its handle above rule 1, and the order is saved.
    const listItems = page.getByRole('listitem');
    const handle = (await listItems.nth(1).locator('.handle').boundingBox())!;
    const top = (await listItems.nth(0).boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, handle.y - 10, { steps: 5 });
    await page.mouse.move(handle.x + handle.width / 2, top.y + 2, { steps: 10 });
    await page.mouse.up();
    await expectVisible(listItems.first().filter({ hasText: 'everyone reads the library' }));
    await page.reload();
    await expectVisible(page.getByRole('listitem').first().filter({ hasText: 'everyone reads the library' }));
  });

  browse('should create a group, a user in it, and a personal token that logs in', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Groups' }).click();
    await page.getByLabel('New group').fill('dev');
    await page.getByRole('button', { name: 'Create group' }).click();
    await expectVisible(page.getByRole('cell', { name: 'dev', exact: true }));

    await nav.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'New user' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByRole('button', { name: 'Save user' }).click();
    await expectVisible(form.getByText('At least 8 characters'));
    await form.getByLabel('Login name').fill('dora');
    await form.getByLabel('Password').fill('dora-password');
    await form.getByLabel('Groups').fill('dev');
    await form.getByRole('checkbox', { name: 'Pusher' }).check();
    await form.getByRole('button', { name: 'Save user' }).click();
    const row = page.getByRole('row').filter({ hasText: 'dora' });
    await expectVisible(row);
    expect(await row.textContent()).toMatch(/Puller, Pusher.*dev.*active/);
    await row.getByRole('button', { name: 'Disable dora' }).click();
    await expectVisible(row.getByRole('button', { name: 'Enable dora' }));

    await page.getByRole('link', { name: 'Your tokens (signed in as admin)' }).click();
    await page.getByLabel('Token name').fill('laptop');
    await page.getByRole('checkbox', { name: 'Read only (pull)' }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secretRegion = page.getByRole('region', { name: 'Secret of admin' });
    await expectVisible(secretRegion);
    const token = (await secretRegion.locator('code.value').textContent())!.trim();
    expect(token).toMatch(/^pcp_/);
    await expectVisible(page.getByRole('cell', { name: 'laptop' }));
    const answer = await fetch(`${portcullis.url}/token?service=${service}&scope=repository:library/shown:pull,push`, {
      headers: { authorization: `Basic ${Buffer.from(`admin:${token}`).toString('base64')}` },
    });
    const { token: jwt } = (await answer.json()) as { token: string };
    const { claims } = decodeJwt<{ access: unknown }>(jwt);
    // Read only: the admin's token pulls, and no more.
    expect(claims.access).toEqual([{ type: 'repository', name: 'library/shown', actions: ['pull'] }]);
  });

  browse("should fit a phone's width: no page wider than the screen", async () => {
    // The same tab (the session lives in the tab), at a phone's size.
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const path of ['/registries', '/robots', '/rules', '/audit', '/users']) {
        await page.goto(`${portcullis.url}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        // What sticks out past the screen's right edge, named when the test fails.
        const wider = await page.evaluate(`[...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .filter((e) => !e.closest('.table-scroll'))
          .map((e) => e.tagName.toLowerCase() + '.' + String(e.className).split(' ')[0])
          .slice(0, 5)`);
        const overflow = Number(
          await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
        );
        expect({ path, overflow }).toEqual({ path, overflow: 0, ...(overflow > 0 ? { wider } : {}) });
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  browse('should keep the session in a cookie no script reads, shared by reloads and tabs', async () => {
    const refreshCookie = (await context.cookies()).find((cookie) => cookie.name === 'portcullis_refresh');
    expect(refreshCookie).toMatchObject({
      value: expect.stringMatching(/^pcs_/),
      path: '/api/v1/auth/refresh',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
    });
    expect(await page.evaluate<string>('document.cookie')).not.toContain('pcs_');
    expect(await page.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })')).not.toMatch(
      /pcs_|eyJ/,
    );
    // Two more tabs open at once: each picks the session up (the console's tabs take turns to
    // refresh: the cookie rotates, and the same cookie sent twice would end the session as a theft).
    const tabs = await Promise.all([context.newPage(), context.newPage()]);
    try {
      await Promise.all(tabs.map((tab) => tab.goto(`${portcullis.url}/registries`)));
      for (const tab of tabs) await expectVisible(tab.getByRole('link', { name: service }));
    } finally {
      await Promise.all(tabs.map((tab) => tab.close()));
    }
    await page.reload({ waitUntil: 'networkidle' });
    await expectVisible(page.getByRole('link', { name: 'Your tokens (signed in as admin)' }));
  });

  browse('should handle the end of a session: sign in again, and back to the page', async () => {
    // The session ends elsewhere (signed out from another device, or revoked).
    const refreshToken = (await context.cookies()).find((cookie) => cookie.name === 'portcullis_refresh')?.value;
    expect(refreshToken).toMatch(/^pcs_/);
    const out = await fetch(`${portcullis.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(out.status).toBe(204);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Registries' }).click();
    await page.waitForURL(/\/sign-in\?returnUrl=%2Fregistries/);
    await expectVisible(page.getByText('Your session has ended'));
    await signInByKeyboard();
    await page.waitForURL(/\/registries$/);
    await expectVisible(page.getByRole('link', { name: service }));
  });

  browse('should sign out for good: the session ends and the browser forgets it', async () => {
    const refreshToken = (await context.cookies()).find((cookie) => cookie.name === 'portcullis_refresh')?.value;
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.waitForURL(/\/sign-in/);
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('portcullis_refresh');
    const reuse = await fetch(`${portcullis.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(reuse.status).toBe(401);
    await page.goto(`${portcullis.url}/registries`);
    await page.waitForURL(/\/sign-in\?returnUrl=%2Fregistries/);
  });
});
