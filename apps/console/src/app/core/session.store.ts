import { Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { type Schemas, createPortcullisClient } from '@portcullis/api-client';
import { dataOf } from './problem';

export type Me = Schemas['MeDto'];

/** Where the API is: the console is served by Portcullis itself, so its own origin. */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => window.location.origin,
});

/** Where the refresh token is kept: this tab only, gone when it closes. */
export const SESSION_STORAGE = new InjectionToken<Storage>('SESSION_STORAGE', {
  providedIn: 'root',
  factory: () => window.sessionStorage,
});

const REFRESH_KEY = 'portcullis.refreshToken';

/**
 * The console's sign-in: the short-lived access token in memory, the rotating refresh token in
 * session storage (a reload keeps the session, closing the tab ends it), and who is signed in.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly storage = inject(SESSION_STORAGE);
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

  /** Signs in; `code` is the second factor of an account that has one (a Problem TWO_FACTOR_REQUIRED asks for it). */
  async signIn(username: string, password: string, code?: string): Promise<void> {
    const body = { username, password, ...(code ? { code } : {}) };
    const session = await dataOf(createPortcullisClient(this.baseUrl).POST('/api/v1/auth/login', { body }));
    await this.start(session);
  }

  /**
   * Takes over a session started elsewhere (an OpenID Connect sign-in hands its refresh token to
   * the console): trading it at once rotates it. False when it is no good.
   */
  adopt(refreshToken: string): Promise<boolean> {
    this.storage.setItem(REFRESH_KEY, refreshToken);
    return this.refresh();
  }

  /** At start-up: picks up the session of this tab, if it still lives. */
  async restore(): Promise<void> {
    if (this.storage.getItem(REFRESH_KEY) === null) return;
    await this.refresh();
  }

  /**
   * New tokens for the refresh token; false when the session is over. Concurrent callers share one
   * exchange: the refresh token rotates, so a second exchange with the old one would end the session.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.exchange().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  async signOut(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    this.clear();
    if (refreshToken !== null) {
      await createPortcullisClient(this.baseUrl)
        .POST('/api/v1/auth/logout', { body: { refreshToken } })
        .catch(() => undefined);
    }
  }

  /** The server refused the session: forget it, and say why at the next sign-in. */
  expire(): void {
    this.clear();
    this.expired.set(true);
  }

  private async exchange(): Promise<boolean> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    if (refreshToken === null) return false;
    try {
      const session = await dataOf(
        createPortcullisClient(this.baseUrl).POST('/api/v1/auth/refresh', { body: { refreshToken } }),
      );
      await this.start(session);
      return true;
    } catch {
      this.clear();
      return false;
    }
  }

  private async start(session: Schemas['SessionDto']): Promise<void> {
    this.storage.setItem(REFRESH_KEY, session.refreshToken);
    this.accessToken.set(session.accessToken);
    this.me.set(await dataOf(createPortcullisClient(this.baseUrl, session.accessToken).GET('/api/v1/auth/me')));
    this.expired.set(false);
  }

  private clear(): void {
    this.storage.removeItem(REFRESH_KEY);
    this.accessToken.set(null);
    this.me.set(null);
  }
}
