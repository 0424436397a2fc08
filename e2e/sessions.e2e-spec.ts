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
    const next = await refresh(session.refreshToken);
    expect(next.response.status).toBe(200);
    expect(next.data!.refreshToken).not.toBe(session.refreshToken);
    expect(await works(next.data!.accessToken)).toBe(200);
    const again = await refresh(next.data!.refreshToken);
    expect(again.response.status).toBe(200);
  });

  it('should end the whole session when a rotated refresh token comes back', async () => {
    const session = await signIn();
    const next = (await refresh(session.refreshToken)).data!;
    // The old token again: one of its holders is a thief.
    const replay = await refresh(session.refreshToken);
    expect(replay.response.status).toBe(401);
    expect(replay.error).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await refresh(next.refreshToken)).response.status).toBe(401);
    expect(await works(next.accessToken)).toBe(401);
  });

  it('should refuse the access token at once after logout', async () => {
    const session = await signIn();
    expect(await works(session.accessToken)).toBe(200);
    const out = await anonymous().POST('/api/v1/auth/logout', { body: { refreshToken: session.refreshToken } });
    expect(out.response.status).toBe(204);
    expect(await works(session.accessToken)).toBe(401);
    expect((await refresh(session.refreshToken)).response.status).toBe(401);
    // Logging out twice is harmless.
    expect(
      (await anonymous().POST('/api/v1/auth/logout', { body: { refreshToken: session.refreshToken } })).response.status,
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
      expect((await refresh(session.refreshToken)).response.status).toBe(401);
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

  it.each(['', 'pcs_unknown', 'x'.repeat(150), 'eyJhbGciOiJIUzI1NiJ9.e30.x'])(
    'should refuse the refresh token %j',
    async (refreshToken) => {
      const response = await refresh(refreshToken);
      expect([400, 401]).toContain(response.response.status);
    },
  );
});
