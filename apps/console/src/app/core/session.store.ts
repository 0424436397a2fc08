import { Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { type Schemas, createPortcullisClient } from '@portcullis/api-client';
import { dataOf } from './problem';

export type Me = Schemas['MeDto'];

/** Where the API is: the console is served by Portcullis itself, so its own origin. */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => window.location.origin,
});

/**
 * Where the console notes that this browser has a session (a flag, no secret), so that a visitor
 * who never signed in is not sent to the refresh route at every page load.
 */
export const SESSION_HINT_STORAGE = new InjectionToken<Storage>('SESSION_HINT_STORAGE', {
  providedIn: 'root',
  factory: () => window.localStorage,
});

const HINT_KEY = 'portcullis.session';
/** The header that shows the refresh route a request comes from the console's own page. */
const SESSION_REQUEST_HEADERS = { 'x-portcullis-session': '1' };

/**
 * The console's sign-in: the short-lived access token in memory only; the rotating refresh token
 * in an HttpOnly cookie that no script can read (the browser sends it to the refresh route only),
 * so a reload or another tab picks the session up; and who is signed in.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly hint = inject(SESSION_HINT_STORAGE);
  private readonly accessToken = signal<string | null>(null);
  private refreshing: Promise<boolean> | null = null;

  /** Who is signed in, or null. */
  readonly me = signal<Me | null>(null);
  readonly signedIn = computed(() => this.me() !== null);
  readonly isAdmin = computed(() => this.me()?.isAdmin === true);
  /** Registry managers (and admins) may declare registries. */
  readonly isManager = computed(
    () => this.isAdmin() || (this.me()?.privileges.includes('DockerRegistriesManager') ?? false),
  );
  /** Two-factor sign-in is required of this account and not set up: it may only enrol. */
  readonly mustEnrol = computed(() => this.me()?.twoFactorEnrolmentRequired === true);
  /** Set when the session ended by itself, for the sign-in page to say so. */
  readonly expired = signal(false);

  token(): string | null {
    return this.accessToken();
  }

  /** The sign-in page's other ways to sign in: the OpenID Connect provider's button, or null. */
  async signInOptions(): Promise<Schemas['OidcProviderDto'] | null> {
    const { data } = await createPortcullisClient(this.baseUrl).GET('/api/v1/auth/options');
    return data?.oidc ?? null;
  }

  /** Signs in; `code` is the second factor of an account that has one (a Problem TWO_FACTOR_REQUIRED asks for it). */
  async signIn(username: string, password: string, code?: string): Promise<void> {
    const body = { username, password, cookie: true, ...(code ? { code } : {}) };
    const session = await dataOf(createPortcullisClient(this.baseUrl).POST('/api/v1/auth/login', { body }));
    await this.start(session);
  }

  /**
   * Picks up this browser's session, if it still lives: at start-up when a session was noted, and
   * always after an OpenID Connect sign-in, which set the cookie without the console.
   */
  async restore(options: { always?: boolean } = {}): Promise<boolean> {
    if (options.always !== true && this.hint.getItem(HINT_KEY) === null) return false;
    return this.refresh();
  }

  /**
   * New tokens for the session cookie; false when the session is over. Concurrent callers share one
   * exchange, and tabs take turns (Web Locks): the cookie rotates, so a second exchange with the
   * old one would end the session.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.oneTabAtATime(() => this.exchange()).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  async signOut(): Promise<void> {
    const token = this.accessToken();
    this.clear();
    // Ends the session of the token held (expired or not) and clears the cookie.
    await createPortcullisClient(this.baseUrl, token ?? undefined)
      .POST('/api/v1/auth/logout', { body: {} })
      .catch(() => undefined);
  }

  /** The server refused the session: forget it, and say why at the next sign-in. */
  expire(): void {
    this.clear();
    this.expired.set(true);
  }

  private async exchange(): Promise<boolean> {
    try {
      const session = await dataOf(
        createPortcullisClient(this.baseUrl).POST('/api/v1/auth/refresh', {
          body: {},
          headers: SESSION_REQUEST_HEADERS,
        }),
      );
      await this.start(session);
      return true;
    } catch {
      this.clear();
      return false;
    }
  }

  private oneTabAtATime<T>(work: () => Promise<T>): Promise<T> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    return locks === undefined ? work() : locks.request('portcullis.session.refresh', work);
  }

  private async start(session: Schemas['SessionDto']): Promise<void> {
    this.hint.setItem(HINT_KEY, '1');
    this.accessToken.set(session.accessToken);
    this.me.set(await dataOf(createPortcullisClient(this.baseUrl, session.accessToken).GET('/api/v1/auth/me')));
    this.expired.set(false);
  }

  private clear(): void {
    this.hint.removeItem(HINT_KEY);
    this.accessToken.set(null);
    this.me.set(null);
  }
}
