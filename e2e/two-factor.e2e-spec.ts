import { Secret, TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import {
  type RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  type TestDatabase,
  basicAuthorization,
  createTestDatabase,
  expectVisible,
  launchBrowser,
  screenshotOnFailure,
  startPortcullis,
} from '@portcullis/testing';

/** The code an authenticator app shows for `secret`, `stepsAhead` periods from now. */
function codeOf(secret: string, stepsAhead = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

describe('Two-factor sign-in (TOTP)', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let admin: Record<string, string>;

  const json = { 'content-type': 'application/json' };
  const call = (path: string, method = 'GET', body?: unknown, headers: Record<string, string> = admin) =>
    fetch(`${portcullis.url}/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const login = (username: string, password: string, code?: string) =>
    call('/auth/login', 'POST', { username, password, ...(code === undefined ? {} : { code }) }, json);
  const bearer = async (response: Response) => {
    expect(response.status).toBe(200);
    const { accessToken, refreshToken } = (await response.json()) as { accessToken: string; refreshToken: string };
    return { headers: { ...json, authorization: `Bearer ${accessToken}` }, refreshToken };
  };
  const codeOfError = async (response: Response) => ((await response.json()) as { code: string }).code;
  /** The secrets of the users the tests enrol, by name, to sign in with again. */
  const secrets: Record<string, string> = {};
  let spareRecoveryCode = '';
  let lastRecoveryCode = '';
  /** Enrols the signed-in user: its secret, the code that confirmed it and the recovery codes. */
  const enrol = async (name: string, headers: Record<string, string>) => {
    const enrolment = (await (await call('/auth/two-factor/enrol', 'POST', undefined, headers)).json()) as {
      secret: string;
      otpauthUrl: string;
      qrSvg: string;
    };
    const confirmCode = codeOf(enrolment.secret);
    const confirmed = await call('/auth/two-factor/confirm', 'POST', { code: confirmCode }, headers);
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
    secrets[name] = enrolment.secret;
    return { ...enrolment, confirmCode, recoveryCodes };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    for (const name of ['tess', 'ugo', 'vera', 'xena', 'yara', 'zoe']) {
      const created = await call('/users', 'POST', {
        name,
        password: `${name}-password`,
        privileges: ['DockerRegistriesPuller'],
      });
      expect(created.status).toBe(201);
    }
    await call('/registries', 'POST', { service: 'mfa.test', url: 'http://mfa.test' });
    // The admin has a second factor: requiring one never holds the test's own session.
    await enrol('admin', admin);
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  it('should enrol with a QR code confirmed by a first code, and give ten recovery codes once', async () => {
    const { headers } = await bearer(await login('tess', 'tess-password'));
    const enrolment = (await (await call('/auth/two-factor/enrol', 'POST', undefined, headers)).json()) as {
      secret: string;
      otpauthUrl: string;
      qrSvg: string;
    };
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Portcullis:tess\?.*secret=/);
    expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // Not on until confirmed: the password alone still signs in.
    expect((await login('tess', 'tess-password')).status).toBe(200);

    const wrong = await call('/auth/two-factor/confirm', 'POST', { code: '000000' }, headers);
    expect(wrong.status).toBe(401);
    secrets['tess'] = enrolment.secret;
    const confirmed = await call('/auth/two-factor/confirm', 'POST', { code: codeOf(enrolment.secret) }, headers);
    const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await (await call('/auth/two-factor', 'GET', undefined, headers)).json()).toEqual({
      enabled: true,
      enrolmentRequired: false,
      recoveryCodesLeft: 10,
    });
    expect((await call('/auth/two-factor/enrol', 'POST', undefined, headers)).status).toBe(409);
  });

  it('should ask for the code, accept each code once, and take a recovery code once', async () => {
    const { headers } = await bearer(await login('vera', 'vera-password'));
    const { secret, confirmCode, recoveryCodes } = await enrol('vera', headers);

    const missing = await login('vera', 'vera-password');
    expect(missing.status).toBe(401);
    expect(await codeOfError(missing)).toBe('TWO_FACTOR_REQUIRED');
    const wrongPassword = await login('vera', 'not-her-password', codeOf(secret, 1));
    expect(await codeOfError(wrongPassword)).toBe('UNAUTHENTICATED');
    // The code that confirmed the enrolment has been used.
    const reusedFromEnrolment = await login('vera', 'vera-password', confirmCode);
    expect(await codeOfError(reusedFromEnrolment)).toBe('TWO_FACTOR_INVALID');
    const next = codeOf(secret, 1);
    expect((await login('vera', 'vera-password', next)).status).toBe(200);
    const replayed = await login('vera', 'vera-password', next);
    expect(replayed.status).toBe(401);
    expect(await codeOfError(replayed)).toBe('TWO_FACTOR_INVALID');

    spareRecoveryCode = recoveryCodes[1]!;
    lastRecoveryCode = recoveryCodes[2]!;
    const recovery = recoveryCodes[0]!;
    expect((await login('vera', 'vera-password', recovery.toUpperCase())).status).toBe(200);
    expect(await codeOfError(await login('vera', 'vera-password', recovery))).toBe('TWO_FACTOR_INVALID');
    const status = (await (await call('/auth/two-factor', 'GET', undefined, headers)).json()) as {
      recoveryCodesLeft: number;
    };
    expect(status.recoveryCodesLeft).toBe(9);
  });

  it('should give docker no password of an account with a second factor: it uses a personal access token', async () => {
    const token = (secret: string) =>
      fetch(`${portcullis.url}/token?service=mfa.test&scope=repository:users/tess/x:pull`, {
        headers: { authorization: basicAuthorization(`tess:${secret}`) },
      }).then((r) => r.status);
    expect(await token('tess-password')).toBe(401);
    const audit = (await (await call('/audit?actor=tess&outcome=refused')).json()) as { items: { clause: string }[] };
    expect(audit.items[0]?.clause).toMatch(
      /signs in with a second factor: docker needs one of its personal access tokens/,
    );
    const { headers } = await bearer(await login('tess', 'tess-password', codeOf(secrets['tess']!, 1)));
    const created = (await (await call('/access-tokens', 'POST', { name: 'laptop' }, headers)).json()) as {
      token: string;
    };
    expect(await token(created.token)).toBe(200);
  });

  it('should hold a session to enrolment while an administrator requires two-factor sign-in', async () => {
    expect((await call('/auth/two-factor/settings', 'PUT', { twoFactorRequired: true })).status).toBe(200);
    const { headers, refreshToken } = await bearer(await login('ugo', 'ugo-password'));
    const held = await call('/registries', 'GET', undefined, headers);
    expect(held.status).toBe(403);
    expect(await codeOfError(held)).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
    expect(await (await call('/auth/me', 'GET', undefined, headers)).json()).toMatchObject({
      twoFactor: false,
      twoFactorEnrolmentRequired: true,
    });
    await enrol('ugo', headers);
    const refreshed = await call('/auth/refresh', 'POST', { refreshToken }, json);
    const { headers: full } = await bearer(refreshed);
    expect((await call('/registries', 'GET', undefined, full)).status).toBe(200);
    // The administrator has a second factor (enrolled in beforeAll): never held.
    expect((await call('/auth/two-factor/settings', 'PUT', { twoFactorRequired: false })).status).toBe(200);
  });

  it('should hold every way an account without a second factor signs in, from the moment one is required', async () => {
    expect((await call('/users', 'POST', { name: 'wes', password: 'wes-password' })).status).toBe(201);
    const dockerWith = (secret: string) =>
      fetch(`${portcullis.url}/token?service=mfa.test&scope=repository:users/wes/x:pull`, {
        headers: { authorization: basicAuthorization(`wes:${secret}`) },
      }).then((r) => r.status);
    // Opened before the requirement: a session, a personal access token, a docker password.
    const { headers: session } = await bearer(await login('wes', 'wes-password'));
    const pat = ((await (await call('/access-tokens', 'POST', { name: 'ci' }, session)).json()) as { token: string })
      .token;
    const patHeaders = { ...json, authorization: `Bearer ${pat}` };
    expect([await dockerWith('wes-password'), await dockerWith(pat)]).toEqual([200, 200]);
    expect((await call('/registries', 'GET', undefined, session)).status).toBe(200);

    expect((await call('/auth/two-factor/settings', 'PUT', { twoFactorRequired: true })).status).toBe(200);
    expect([await dockerWith('wes-password'), await dockerWith(pat)]).toEqual([401, 401]);
    const held = await call('/registries', 'GET', undefined, session);
    expect([held.status, await codeOfError(held)]).toEqual([403, 'TWO_FACTOR_ENROLMENT_REQUIRED']);
    expect((await call('/registries', 'GET', undefined, patHeaders)).status).toBe(401);
    const audit = (await (await call('/audit?actor=wes&outcome=refused')).json()) as { items: { clause: string }[] };
    expect(audit.items.map((e) => e.clause)).toEqual(
      expect.arrayContaining([expect.stringMatching(/must set up two-factor sign-in/)]),
    );

    expect((await call('/auth/two-factor/settings', 'PUT', { twoFactorRequired: false })).status).toBe(200);
    expect([await dockerWith('wes-password'), await dockerWith(pat)]).toEqual([200, 200]);
    expect((await call('/registries', 'GET', undefined, session)).status).toBe(200);
  });

  it('should turn off with a code, and let an administrator reset a lost authenticator', async () => {
    const { headers } = await bearer(await login('ugo', 'ugo-password', codeOf(secrets['ugo']!, 1)));
    expect((await call('/auth/two-factor/disable', 'POST', { code: '123456' }, headers)).status).toBe(401);
    const users = (await (await call('/users?q=ugo')).json()) as { items: { id: number }[] };
    expect((await call(`/auth/two-factor/users/${users.items[0]!.id}`, 'DELETE')).status).toBe(204);
    expect((await login('ugo', 'ugo-password')).status).toBe(200);
    expect((await call(`/auth/two-factor/users/${users.items[0]!.id}`, 'DELETE', undefined, headers)).status).toBe(403);

    const vera = (await bearer(await login('vera', 'vera-password', spareRecoveryCode))).headers;
    expect((await call('/auth/two-factor/disable', 'POST', { code: spareRecoveryCode }, vera)).status).toBe(401);
    expect((await call('/auth/two-factor/disable', 'POST', { code: lastRecoveryCode }, vera)).status).toBe(204);
    expect((await login('vera', 'vera-password')).status).toBe(200);

    // Each change is in the audit log once, refused or done (the audit is flushed in batches).
    let changes: { action: string; outcome: string }[] = [];
    for (let tries = 0; tries < 50; tries++) {
      const page = (await (await call('/audit?category=change&actor=vera&limit=500')).json()) as {
        items: { action: string; outcome: string }[];
      };
      changes = page.items.filter((item) => /two-?factor/i.test(item.action));
      if (changes.length >= 4) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(changes.map((c) => `${c.action} ${c.outcome}`).sort()).toEqual([
      'confirmTwoFactor ok',
      'disableTwoFactor failed',
      'disableTwoFactor ok',
      'enrolTwoFactor ok',
    ]);
  });

  it('should lock out guessing the code that turns two-factor sign-in off', async () => {
    const { headers } = await bearer(await login('yara', 'yara-password'));
    await enrol('yara', headers);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      // 0 and 1 are not in the recovery codes' alphabet: never a valid code.
      const code = `zzzz0-zzz1${i}`;
      statuses.push((await call('/auth/two-factor/disable', 'POST', { code }, headers)).status);
    }
    // LOCKOUT_ACCOUNT_FAILURES (5) wrong codes, then the account waits.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await call('/auth/two-factor', 'GET', undefined, headers)).status).toBe(200);
  });

  it('should enrol in the console with the QR page, then ask the code at sign-in', async () => {
    const browser: Browser = await launchBrowser();
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    try {
      await screenshotOnFailure(page, 'two-factor in the console', async () => {
        const signIn = async (code?: string) => {
          await page.goto(`${portcullis.url}/sign-in`);
          await page.getByLabel('Login name').fill('xena');
          await page.getByLabel('Password').fill('xena-password');
          await page.getByRole('button', { name: 'Sign in' }).click();
          if (code === undefined) return;
          await expectVisible(page.getByLabel('Authentication code'));
          await page.getByLabel('Authentication code').fill(code);
          await page.getByRole('button', { name: 'Sign in' }).click();
        };
        await signIn();
        await expectVisible(page.getByRole('link', { name: 'Your tokens (signed in as xena)' }));
        await page.getByRole('link', { name: 'Two-factor' }).click();
        await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
        const qr = page.getByRole('img', { name: 'QR code of your two-factor secret' });
        await expectVisible(qr);
        // The SVG the server drew decodes as an image.
        const drawn = await qr.evaluate((img) => {
          const image = img as unknown as { complete: boolean; naturalWidth: number };
          return image.complete && image.naturalWidth > 0;
        });
        expect(drawn).toBe(true);
        const secret = (await page.locator('code.secret').textContent())!.trim();
        await page.getByLabel('Code from the app').fill(codeOf(secret));
        await page.getByRole('button', { name: 'Turn on' }).click();
        const codes = page.getByRole('region', { name: 'Recovery codes' });
        await expectVisible(codes);
        expect(await codes.locator('li').count()).toBe(10);
        await page.getByRole('button', { name: 'I stored them' }).click();
        await expectVisible(page.getByText(/Two-factor sign-in is on/));
        await page.getByRole('button', { name: 'Sign out' }).click();

        await signIn(codeOf(secret, 1));
        await expectVisible(page.getByRole('link', { name: 'Your tokens (signed in as xena)' }));
      });
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('should send a console session held to enrolment to set it up, and open the console after', async () => {
    expect((await call('/auth/two-factor/settings', 'PUT', { twoFactorRequired: true })).status).toBe(200);
    const browser: Browser = await launchBrowser();
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    try {
      await screenshotOnFailure(page, 'two-factor enrolment required', async () => {
        await page.goto(`${portcullis.url}/sign-in?returnUrl=%2Fregistries`);
        await page.getByLabel('Login name').fill('zoe');
        await page.getByLabel('Password').fill('zoe-password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(/\/account\/two-factor$/);
        await expectVisible(page.getByText(/Your administrator requires a second factor/));
        await page.goto(`${portcullis.url}/registries`);
        await page.waitForURL(/\/account\/two-factor$/);
        await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
        const secret = (await page.locator('code.secret').textContent())!.trim();
        await page.getByLabel('Code from the app').fill(codeOf(secret));
        await page.getByRole('button', { name: 'Turn on' }).click();
        await page.getByRole('button', { name: 'I stored them' }).click();
        await page.waitForURL((url) => url.pathname === '/');
        await page.getByRole('link', { name: 'Registries' }).click();
        await page.waitForURL(/\/registries$/);
      });
    } finally {
      await browser.close();
      await call('/auth/two-factor/settings', 'PUT', { twoFactorRequired: false });
    }
  }, 90_000);
});
