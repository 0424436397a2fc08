import { Client } from 'ldapts';
import { type NetConnectOpts, type Socket, connect } from 'node:net';
import type { ConnectionOptions } from 'node:tls';

/** What a pooled connection is bound as: nobody yet, Portcullis's search account, or a user. */
type Binding = 'none' | 'service' | 'user';

/** One connection to the directory, never silently re-opened (see `open`). */
export class LdapConnection {
  binding: Binding = 'none';
  private opened = false;
  private refusedReconnect = false;
  readonly client: Client;

  constructor(
    url: string,
    timeoutMs: number,
    private readonly tls: ConnectionOptions,
    private readonly startTls: boolean,
  ) {
    // ldapts re-opens a dropped connection on the next operation, plainly: after StartTLS that
    // would send the next bind's password in the clear. A connection here is one TCP connection;
    // a second one is refused and the pool opens a new client instead.
    const once = ((...args: [NetConnectOpts]) => {
      if (this.opened) {
        this.refusedReconnect = true;
        throw new Error('the directory connection was closed');
      }
      this.opened = true;
      return connect(...args);
    }) as unknown as (...args: unknown[]) => Socket;
    this.client = new Client({
      url,
      timeout: timeoutMs,
      connectTimeout: timeoutMs,
      strictDN: false,
      // With an ldap:// URL, ldapts's own tlsOptions break the StartTLS handshake (seen with slapd):
      // they go to startTLS only.
      ...(url.startsWith('ldap:') ? { createConnection: once } : { tlsOptions: tls }),
    });
  }

  /** Opens the connection (with StartTLS when configured) unless it is open. */
  async open(): Promise<void> {
    if (this.client.isConnected) return;
    if (this.opened) throw new Error('the directory connection was closed');
    // A copy: startTLS writes the socket into the options it is given.
    if (this.startTls) await this.client.startTLS({ ...this.tls });
  }

  /** Whether the connection can serve another request. */
  get usable(): boolean {
    return !this.refusedReconnect && (!this.opened || this.client.isConnected);
  }

  close(): void {
    this.binding = 'none';
    void this.client.unbind().catch(() => undefined);
  }
}

/**
 * At most `size` connections to the directory, reused across sign-ins; a broken one is closed and
 * replaced. Hand-written: a pooled LDAP connection carries state (TLS, who it is bound as) that
 * a generic pool would not reset, and it is twenty lines.
 */
export class LdapPool {
  private readonly idle: LdapConnection[] = [];
  private readonly waiting: ((connection: LdapConnection) => void)[] = [];
  private open = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly create: () => LdapConnection,
  ) {}

  /**
   * Runs `work` on a connection; one that fails is closed rather than reused. A connection that
   * frees up after `deadline` (epoch ms) goes back unused: its caller has given up waiting.
   */
  async use<T>(deadline: number, work: (connection: LdapConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    if (Date.now() > deadline) {
      this.release(connection, connection.usable);
      throw new Error('no directory connection was free in time');
    }
    let healthy = false;
    try {
      const result = await work(connection);
      healthy = true;
      return result;
    } finally {
      this.release(connection, healthy && connection.usable);
    }
  }

  close(): void {
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.close();
  }

  private acquire(): Promise<LdapConnection> {
    const idle = this.idle.pop();
    if (idle !== undefined) return Promise.resolve(idle);
    if (this.open < this.size) {
      this.open++;
      return Promise.resolve(this.create());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(connection: LdapConnection, reusable: boolean): void {
    let next = connection;
    if (!reusable || this.closed) {
      connection.close();
      if (this.closed || this.waiting.length === 0) {
        this.open--;
        return;
      }
      next = this.create();
    }
    const waiter = this.waiting.shift();
    if (waiter !== undefined) waiter(next);
    else this.idle.push(next);
  }
}
