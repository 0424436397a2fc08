import { createPortcullisClient } from '@portcullis/api-client';
import {
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  startPortcullis,
} from '@portcullis/testing';

describe('API sessions: rotating refresh tokens and logout', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  const anonymous = () => createPortcullisClient(portcullis.url);
  const signIn = async () => {
    const { data } = await anonymous().POST('/api/v1/auth/login', {
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    return data!;
  };
  const works = async (accessToken: string) =>
    (await createPortcullisClient(portcullis.url, accessToken).GET('/api/v1/groups')).response.status;
  const refresh = (refreshToken: string) => anonymous().POST('/api/v1/auth/refresh', { body: { refreshToken } });

  it("should say who the caller is, and a personal token's limits", async () => {
    const session = await signIn();
    const api = createPortcullisClient(portcullis.url, session.accessToken);
    const me = await api.GET('/api/v1/auth/me');
    expect(me.data).toEqual({
      id: expect.any(Number),
      name: 'admin',
      isAdmin: true,
      privileges: [],
      groups: [],
      token: null,
      twoFactor: false,
      twoFactorEnrolmentRequired: false,
    });
    const { data: pat } = await api.POST('/api/v1/access-tokens', {
      body: { name: 'me-check', readOnly: true, registries: ['a.test'] },
    });
    const byToken = await createPortcullisClient(portcullis.url, pat!.token).GET('/api/v1/auth/me');
    expect(byToken.data!.token).toEqual({ id: pat!.id, name: 'me-check', readOnly: true, registries: ['a.test'] });
    expect((await anonymous().GET('/api/v1/auth/me')).response.status).toBe(401);
  });

  it('should rotate the refresh token at every use', async () => {
    const session = await signIn();
    expect(session.refreshToken).toMatch(/^pcs_/);
    const next = await refresh(session.refreshToken!);
    expect(next.response.status).toBe(200);
    expect(next.data!.refreshToken).not.toBe(session.refreshToken);
    expect(await works(next.data!.accessToken)).toBe(200);
    const again = await refresh(next.data!.refreshToken!);
    expect(again.response.status).toBe(200);
  });

  it('should end the whole session when a rotated refresh token comes back', async () => {
    const session = await signIn();
    const next = (await refresh(session.refreshToken!)).data!;
    // The old token again: one of its holders is a thief.
    const replay = await refresh(session.refreshToken!);
    expect(replay.response.status).toBe(401);
    expect(replay.error).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await refresh(next.refreshToken!)).response.status).toBe(401);
    expect(await works(next.accessToken)).toBe(401);
  });

  it('should refuse the access token at once after logout', async () => {
    const session = await signIn();
    expect(await works(session.accessToken)).toBe(200);
    const out = await anonymous().POST('/api/v1/auth/logout', { body: { refreshToken: session.refreshToken! } });
    expect(out.response.status).toBe(204);
    expect(await works(session.accessToken)).toBe(401);
    expect((await refresh(session.refreshToken!)).response.status).toBe(401);
    // Logging out twice is harmless.
    expect(
      (await anonymous().POST('/api/v1/auth/logout', { body: { refreshToken: session.refreshToken! } })).response
        .status,
    ).toBe(204);
  });

  it.each([
    [
      'the API',
      (headers: Record<string, string>, id: number) =>
        fetch(`${portcullis.url}/api/v1/users/${id}`, {
          method: 'PATCH',
          headers,
          body: JSON.stringify({ password: 'second-password' }),
        }),
    ],
    [
      'a configuration document',
      (headers: Record<string, string>) =>
        fetch(`${portcullis.url}/api/v1/config/apply`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ yaml: 'users: [{ name: changer, password: second-password }]' }),
        }),
    ],
  ])(
    'should end sessions and docker identity tokens, and keep personal access tokens, when %s changes a password',
    async (_, change) => {
      const admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
      await portcullis.applyConfig(`
groups: [{ name: team }]
users: [{ name: changer, password: first-password, groups: [team], privileges: [DockerRegistriesPuller] }]
registries: [{ service: sessions.test, url: "http://127.0.0.1:9", publications: [team] }]
`);
      const user = (await (await fetch(`${portcullis.url}/api/v1/users?q=changer`, { headers: admin })).json()) as {
        items: { id: number }[];
      };
      const session = (
        await anonymous().POST('/api/v1/auth/login', { body: { username: 'changer', password: 'first-password' } })
      ).data!;
      const pat = (
        await createPortcullisClient(portcullis.url, session.accessToken).POST('/api/v1/access-tokens', {
          body: { name: 'kept' },
        })
      ).data!.token;
      const docker = (await (
        await fetch(`${portcullis.url}/token?service=sessions.test&offline_token=true&client_id=docker`, {
          headers: { authorization: `Basic ${Buffer.from('changer:first-password').toString('base64')}` },
        })
      ).json()) as { refresh_token: string };
      const identityToken = () =>
        fetch(`${portcullis.url}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `grant_type=refresh_token&refresh_token=${docker.refresh_token}&service=sessions.test&client_id=docker`,
        });
      expect((await identityToken()).status).toBe(200);

      const changed = await change(admin, user.items[0]!.id);
      expect(changed.status).toBe(200);
      if (changed.url.includes('/users/'))
        expect(await changed.json()).toMatchObject({
          passwordChange: { sessionsEnded: true, personalAccessTokensKept: 1 },
        });
      expect(await works(session.accessToken)).toBe(401);
      expect((await refresh(session.refreshToken!)).response.status).toBe(401);
      expect((await identityToken()).status).toBe(401);
      expect(await works(pat)).toBe(200);
      // The new password signs in.
      expect(
        (await anonymous().POST('/api/v1/auth/login', { body: { username: 'changer', password: 'second-password' } }))
          .response.status,
      ).toBe(200);
      // Put it back for the next way of changing it.
      await fetch(`${portcullis.url}/api/v1/users/${user.items[0]!.id}`, {
        method: 'PATCH',
        headers: admin,
        body: JSON.stringify({ password: 'first-password' }),
      });
    },
  );

  it('should revoke a personal access token given to sign out with', async () => {
    const session = await signIn();
    const pat = (
      await createPortcullisClient(portcullis.url, session.accessToken).POST('/api/v1/access-tokens', {
        body: { name: 'leaving' },
      })
    ).data!.token;
    expect(await works(pat)).toBe(200);
    const out = await anonymous().POST('/api/v1/auth/logout', { body: { refreshToken: pat } });
    expect(out.response.status).toBe(204);
    expect(await works(pat)).toBe(401);
  });

  describe("the console's session cookie", () => {
    const COOKIE = /^portcullis_refresh=([^;]*)/;
    const setCookieOf = (response: Response) =>
      response.headers.getSetCookie().find((cookie) => COOKIE.test(cookie)) ?? '';
    const valueOf = (response: Response) => COOKIE.exec(setCookieOf(response))?.[1] ?? '';
    const browserSignIn = () =>
      fetch(`${portcullis.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD, cookie: true }),
      });
    /** A refresh as the console sends it: no body, the cookie, the header that shows its page. */
    const cookieRefresh = (value: string, headers: Record<string, string> = { 'x-portcullis-session': '1' }) =>
      fetch(`${portcullis.url}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { ...headers, cookie: `portcullis_refresh=${value}` },
      });
    const logout = (headers: Record<string, string>) =>
      fetch(`${portcullis.url}/api/v1/auth/logout`, { method: 'POST', headers });

    it('should hand the browser its refresh token as an HttpOnly, Secure, SameSite=Strict cookie of the refresh route', async () => {
      const response = await browserSignIn();
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: expect.any(Number) });
      const cookie = setCookieOf(response);
      expect(valueOf(response)).toMatch(/^pcs_/);
      for (const attribute of [/; HttpOnly/, /; Secure/, /; SameSite=Strict/, /; Path=\/api\/v1\/auth\/refresh(;|$)/]) {
        expect(cookie).toMatch(attribute);
      }
      // It lasts as long as the session may (SESSION_REFRESH_TTL, a week by default).
      expect(Number(/Max-Age=(\d+)/.exec(cookie)?.[1])).toBeGreaterThan(604_700);
      expect(await works(body.accessToken as string)).toBe(200);
    });

    it('should spend the cookie only with the header a page of another site cannot send', async () => {
      const first = valueOf(await browserSignIn());
      const forged = await cookieRefresh(first, {});
      expect(forged.status).toBe(403);
      expect(await forged.json()).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/x-portcullis-session/),
      });
      // The forged request spent nothing: the console's next refresh works and rotates the cookie.
      const refreshed = await cookieRefresh(first);
      expect(refreshed.status).toBe(200);
      const body = (await refreshed.json()) as Record<string, unknown>;
      expect(body).not.toHaveProperty('refreshToken');
      const second = valueOf(refreshed);
      expect(second).toMatch(/^pcs_/);
      expect(second).not.toBe(first);
      expect(await works(body.accessToken as string)).toBe(200);
      // The first cookie again is a theft: the session ends and the browser is told to forget it.
      const replay = await cookieRefresh(first);
      expect(replay.status).toBe(401);
      expect(setCookieOf(replay)).toMatch(/^portcullis_refresh=;.*Max-Age=0/);
      expect((await cookieRefresh(second)).status).toBe(401);
      expect(await works(body.accessToken as string)).toBe(401);
    });

    it('should refuse a refresh with neither a body nor a cookie', async () => {
      const response = await fetch(`${portcullis.url}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'x-portcullis-session': '1' },
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it("should sign out the bearer token's session and clear the cookie", async () => {
      const signedIn = await browserSignIn();
      const cookie = valueOf(signedIn);
      const { accessToken } = (await signedIn.json()) as { accessToken: string };
      const out = await logout({ authorization: `Bearer ${accessToken}` });
      expect(out.status).toBe(204);
      expect(setCookieOf(out)).toMatch(/^portcullis_refresh=;.*Max-Age=0.*Path=\/api\/v1\/auth\/refresh/);
      expect(await works(accessToken)).toBe(401);
      expect((await cookieRefresh(cookie)).status).toBe(401);
      // Again: the session is already over, which is what was asked.
      expect((await logout({ authorization: `Bearer ${accessToken}` })).status).toBe(204);
    });

    it.each<Record<string, string>>([
      {},
      { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' },
      { authorization: 'Basic YWRtaW46eA==' },
    ])('should refuse a logout with nothing to end (%j)', async (headers) => {
      const out = await logout(headers);
      expect(out.status).toBe(401);
      expect(await out.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });

  it.each(['', 'pcs_unknown', 'x'.repeat(150), 'eyJhbGciOiJIUzI1NiJ9.e30.x'])(
    'should refuse the refresh token %j',
    async (refreshToken) => {
      const response = await refresh(refreshToken);
      expect([400, 401]).toContain(response.response.status);
    },
  );
});
