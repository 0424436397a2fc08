import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { type Entry, InvalidCredentialsError, ResultCodeError } from 'ldapts';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { objectNameOf } from '@portcullis/domain';
import { DeadlineExceeded, withDeadline } from '../common/deadline';
import { AppConfig, type LdapConfig } from '../config/app-config';
import { DirectoryUnavailable } from './directory-unavailable';
import { LdapConnection, LdapPool } from './ldap-pool';
import { allValues, filterOf, firstRdnValue, firstValue } from './ldap-text';

/** A directory account as Portcullis keeps it. */
export interface DirectoryAccount {
  readonly dn: string;
  /** The Portcullis user name (the name attribute, lower-cased). */
  readonly name: string;
  readonly email: string | null;
  /** Portcullis names of the directory groups that pass LDAP_GROUP_PATTERN, sorted. */
  readonly groups: readonly string[];
}

/** A sign-in's answer: the account, or why not (for the audit log). */
export type DirectoryAnswer = { readonly account: DirectoryAccount } | { readonly failure: string };

/** How long the directory is taken for down after it failed to answer: sign-ins fail at once meanwhile. */
const DOWN_FOR_MS = 5000;

const WHAT = 'the directory';

/**
 * The LDAP or Active Directory server (ldapts): finds a login's entry with Portcullis's search
 * account (or anonymously), checks the password by binding as that entry, and reads the entry's
 * groups. Connections are pooled; every request is bounded by LDAP_TIMEOUT as a whole, and after
 * a failure the directory counts as down for a few seconds, so a dead or hanging directory costs a
 * sign-in at most LDAP_TIMEOUT once, then nothing: it never holds up the token endpoint.
 */
@Injectable()
export class LdapDirectory implements OnModuleDestroy {
  private readonly logger = new Logger('Directory');
  private readonly config: LdapConfig | undefined;
  private readonly pool: LdapPool | undefined;
  private readonly bindPassword: string | undefined;
  private downUntil = 0;

  constructor(config: AppConfig) {
    this.config = config.ldap;
    if (this.config === undefined) return;
    const ldap = this.config;
    this.bindPassword =
      ldap.bindPasswordFile === undefined
        ? ldap.bindPassword
        : readFileSync(ldap.bindPasswordFile, 'utf8').replace(/\r?\n$/, '');
    const tls: ConnectionOptions = ldap.caFile === undefined ? {} : { ca: readFileSync(ldap.caFile) };
    if (ldap.startTls) {
      // The upgraded socket checks the certificate against this name; SNI takes no IP address.
      const host = new URL(ldap.url).hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) === 0) tls.servername = host;
      else tls.host = host;
    }
    this.pool = new LdapPool(ldap.poolSize, () => new LdapConnection(ldap.url, ldap.timeoutMs, tls, ldap.startTls));
  }

  /** Whether a directory is configured. */
  get enabled(): boolean {
    return this.config !== undefined;
  }

  onModuleDestroy(): void {
    this.pool?.close();
  }

  /**
   * Checks a login's password with the directory. Throws DirectoryUnavailable when the directory
   * does not answer in time or refuses Portcullis's own bind.
   */
  authenticate(login: string, password: string): Promise<DirectoryAnswer> {
    // A simple bind with an empty password is an anonymous bind (RFC 4513 5.1.2): it "succeeds".
    if (password === '') return Promise.resolve({ failure: 'empty password' });
    return this.request(async (connection, ldap) => {
      const found = await this.find(connection, ldap, login);
      if ('failure' in found) return found;
      try {
        connection.binding = 'user';
        await connection.client.bind(found.entry.dn, password);
      } catch (error) {
        if (error instanceof InvalidCredentialsError) {
          return { failure: `the directory refused the password of ${found.entry.dn} (wrong, or account disabled)` };
        }
        throw error;
      }
      return { account: await this.accountOf(connection, ldap, found.entry, found.name) };
    });
  }

  /** The account of a login name without its password (scheduled sync); null when the filter finds none. */
  lookup(login: string): Promise<DirectoryAccount | null> {
    return this.request(async (connection, ldap) => {
      const found = await this.find(connection, ldap, login);
      return 'failure' in found ? null : this.accountOf(connection, ldap, found.entry, found.name);
    });
  }

  private async request<T>(work: (connection: LdapConnection, ldap: LdapConfig) => Promise<T>): Promise<T> {
    const ldap = this.config;
    if (ldap === undefined || this.pool === undefined) throw new DirectoryUnavailable();
    if (Date.now() < this.downUntil) throw new DirectoryUnavailable();
    const deadline = Date.now() + ldap.timeoutMs;
    try {
      return await withDeadline(
        this.pool.use(deadline, (connection) => work(connection, ldap)),
        ldap.timeoutMs,
        WHAT,
      );
    } catch (error) {
      this.downUntil = Date.now() + DOWN_FOR_MS;
      const why = error instanceof DeadlineExceeded ? `no answer within ${ldap.timeoutMs} ms` : messageOf(error);
      this.logger.warn(
        `The directory at ${ldap.url} is unavailable (${why}); sign-ins through it fail for ${DOWN_FOR_MS / 1000} s`,
      );
      throw new DirectoryUnavailable(error);
    }
  }

  /** Binds as Portcullis's search account (or anonymously) unless the connection already is. */
  private async asService(connection: LdapConnection, ldap: LdapConfig): Promise<void> {
    await connection.open();
    if (connection.binding === 'service') return;
    if (ldap.bindDn !== undefined) {
      connection.binding = 'none';
      await connection.client.bind(ldap.bindDn, this.bindPassword ?? '');
    } else if (connection.binding === 'user') {
      // An anonymous bind drops the user's identity for the next search.
      await connection.client.bind('', '');
    }
    connection.binding = 'service';
  }

  private async find(
    connection: LdapConnection,
    ldap: LdapConfig,
    login: string,
  ): Promise<{ entry: Entry; name: string } | { failure: string }> {
    await this.asService(connection, ldap);
    const attributes = [ldap.nameAttribute, ldap.emailAttribute, ...(ldap.groups === 'memberOf' ? ['memberOf'] : [])];
    const { searchEntries } = await connection.client.search(ldap.baseDn, {
      scope: 'sub',
      filter: filterOf(ldap.userFilter, { login }),
      attributes,
      sizeLimit: 2,
    });
    if (searchEntries.length === 0) return { failure: `the directory has no entry for ${login}` };
    if (searchEntries.length > 1) return { failure: `the directory has several entries for ${login}` };
    const entry = searchEntries[0]!;
    const external = firstValue(entry[ldap.nameAttribute]);
    const name = external === undefined ? undefined : objectNameOf(external);
    if (name === undefined || name !== external?.toLowerCase()) {
      return { failure: `the directory entry ${entry.dn} has no ${ldap.nameAttribute} usable as a user name` };
    }
    return { entry, name };
  }

  private async accountOf(
    connection: LdapConnection,
    ldap: LdapConfig,
    entry: Entry,
    name: string,
  ): Promise<DirectoryAccount> {
    let groupNames: string[] = [];
    if (ldap.groups === 'memberOf') {
      groupNames = allValues(entry['memberOf'])
        .map((dn) => firstRdnValue(dn, ldap.groupNameAttribute))
        .filter((n): n is string => n !== undefined);
    } else if (ldap.groups === 'search') {
      await this.asService(connection, ldap);
      const { searchEntries } = await connection.client.search(ldap.groupBaseDn, {
        scope: 'sub',
        filter: filterOf(ldap.groupFilter, { login: firstValue(entry[ldap.nameAttribute]) ?? name, dn: entry.dn }),
        attributes: [ldap.groupNameAttribute],
      });
      groupNames = searchEntries.flatMap((group) => allValues(group[ldap.groupNameAttribute]).slice(0, 1));
    }
    const groups = new Set<string>();
    for (const external of groupNames) {
      if (ldap.groupPattern !== undefined && !ldap.groupPattern.test(external)) continue;
      const group = objectNameOf(external);
      if (group !== undefined) groups.add(group);
    }
    const email = firstValue(entry[ldap.emailAttribute]);
    return {
      dn: entry.dn,
      name,
      email: email === undefined || email.length > 320 ? null : email,
      groups: [...groups].sort(),
    };
  }
}

function messageOf(error: unknown): string {
  if (error instanceof InvalidCredentialsError) return 'it refused the bind of LDAP_BIND_DN';
  if (error instanceof ResultCodeError) return `LDAP result code ${error.code}, ${error.constructor.name}`;
  return error instanceof Error ? error.message : String(error);
}
