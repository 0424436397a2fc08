import { TestBed } from '@angular/core/testing';
import { CONSOLE_TEST_URL, CONSOLE_TEST_ADMIN_PASSWORD as TEST_ADMIN_PASSWORD } from '../../../test-server-env';
import { Problem } from './problem';
import { API_BASE_URL, SESSION_STORAGE, SessionStore } from './session.store';

/** The session store against a real Portcullis: sign-in, reload, rotation, expiry, sign-out. */
describe('SessionStore', () => {
  // Started by the project's global setup: the built server, on its own database.
  const portcullis = { url: process.env[CONSOLE_TEST_URL]! };
  let storage: Storage;

  const store = () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        { provide: API_BASE_URL, useValue: portcullis.url },
        { provide: SESSION_STORAGE, useValue: storage },
      ],
    });
    return TestBed.inject(SessionStore);
  };

  beforeEach(() => {
    storage = window.sessionStorage;
    storage.clear();
  });

  it('should sign in, knowing who, and keep only the refresh token in the tab', async () => {
    const session = store();
    expect(session.signedIn()).toBe(false);
    await session.signIn('admin', TEST_ADMIN_PASSWORD);
    expect(session.signedIn()).toBe(true);
    expect(session.me()).toMatchObject({ name: 'admin', isAdmin: true });
    expect(session.isManager()).toBe(true);
    expect(session.token()).toMatch(/\./);
    expect(storage.getItem('portcullis.refreshToken')).toMatch(/^pcs_/);
    expect(JSON.stringify({ ...storage })).not.toContain(session.token());
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
    // A reload: a new store, the tab's storage.
    const reloaded = store();
    await reloaded.restore();
    expect(reloaded.me()?.name).toBe('admin');
    // Two refreshes at once would use the same rotating token twice and end the session: one goes.
    const both = await Promise.all([reloaded.refresh(), reloaded.refresh()]);
    expect(both).toEqual([true, true]);
    expect(await reloaded.refresh()).toBe(true);
    expect(reloaded.signedIn()).toBe(true);
  });

  it('should notice a session ended elsewhere, and sign out for good', async () => {
    const session = store();
    await session.signIn('admin', TEST_ADMIN_PASSWORD);
    await fetch(`${portcullis.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: storage.getItem('portcullis.refreshToken') }),
    });
    expect(await session.refresh()).toBe(false);
    expect(session.signedIn()).toBe(false);
    session.expire();
    expect(session.expired()).toBe(true);

    await session.signIn('admin', TEST_ADMIN_PASSWORD);
    expect(session.expired()).toBe(false);
    const refreshToken = storage.getItem('portcullis.refreshToken');
    await session.signOut();
    expect(session.signedIn()).toBe(false);
    expect(storage.getItem('portcullis.refreshToken')).toBeNull();
    const reuse = await fetch(`${portcullis.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(reuse.status).toBe(401);
  });
});
