import { TestBed } from '@angular/core/testing';
import { CONSOLE_TEST_URL, CONSOLE_TEST_ADMIN_PASSWORD as TEST_ADMIN_PASSWORD } from '../../../test-server-env';
import { Problem } from './problem';
import { API_BASE_URL, SessionStore } from './session.store';

/** The session store against a real Portcullis: sign-in, reload, rotation, expiry, sign-out. */
describe('SessionStore', () => {
  // Started by the project's global setup: the built server, on its own database.
  const portcullis = { url: process.env[CONSOLE_TEST_URL]! };

  // A new store is a reload: the page's cookies and local storage stay, memory does not.
  const store = () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [{ provide: API_BASE_URL, useValue: portcullis.url }] });
    return TestBed.inject(SessionStore);
  };
  const refreshWithCookie = () =>
    fetch(`${portcullis.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portcullis-session': '1' },
      body: '{}',
    });

  beforeEach(async () => {
    await store().signOut();
    localStorage.clear();
  });

  it('should sign in, knowing who, with no token where scripts can read it', async () => {
    const session = store();
    expect(session.signedIn()).toBe(false);
    await session.signIn('admin', TEST_ADMIN_PASSWORD);
    expect(session.signedIn()).toBe(true);
    expect(session.me()).toMatchObject({ name: 'admin', isAdmin: true });
    expect(session.isManager()).toBe(true);
    expect(session.token()).toMatch(/\./);
    // The refresh token is an HttpOnly cookie: neither the page's cookies nor its storage hold it.
    expect(document.cookie).toBe('');
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toMatch(/pcs_|eyJ/);
  });

  it('should refuse a wrong password with the API message and a correlation id', async () => {
    const session = store();
    const refused = await session.signIn('admin', 'wrong').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Problem);
    expect(refused).toMatchObject({ status: 401, correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(session.signedIn()).toBe(false);
  });

  it('should pick the session up after a reload, and share one refresh among concurrent callers', async () => {
    await store().signIn('admin', TEST_ADMIN_PASSWORD);
    const reloaded = store();
    expect(await reloaded.restore()).toBe(true);
    expect(reloaded.me()?.name).toBe('admin');
    // Two refreshes at once would use the same rotating cookie twice and end the session: one goes.
    const both = await Promise.all([reloaded.refresh(), reloaded.refresh()]);
    expect(both).toEqual([true, true]);
    expect(await reloaded.refresh()).toBe(true);
    expect(reloaded.signedIn()).toBe(true);
  });

  it('should not call the refresh route at start-up when this browser has no session', async () => {
    const calls: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      calls.push(input instanceof Request ? input.url : String(input));
      return realFetch(input, init);
    };
    try {
      expect(await store().restore()).toBe(false);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(calls).toEqual([]);
  });

  it('should notice a session ended elsewhere, and sign out for good', async () => {
    const session = store();
    await session.signIn('admin', TEST_ADMIN_PASSWORD);
    // Ended by another client holding the session's access token.
    const ended = await fetch(`${portcullis.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token()!}` },
    });
    expect(ended.status).toBe(204);
    expect(await session.refresh()).toBe(false);
    expect(session.signedIn()).toBe(false);
    session.expire();
    expect(session.expired()).toBe(true);

    await session.signIn('admin', TEST_ADMIN_PASSWORD);
    expect(session.expired()).toBe(false);
    const token = session.token()!;
    await session.signOut();
    expect(session.signedIn()).toBe(false);
    expect(localStorage.getItem('portcullis.session')).toBeNull();
    // The session is over on the server, and the browser forgot the cookie.
    const me = await fetch(`${portcullis.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    expect((await refreshWithCookie()).status).toBe(401);
    expect(await store().restore({ always: true })).toBe(false);
  });
});
