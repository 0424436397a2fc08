import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Privilege } from '@portcullis/domain';
import { entriesUpTo } from '../../common/cache-size';
import { AppConfig } from '../../config/app-config';
import { AdvisoryLocks } from '../../database/advisory-lock';
import { InstanceSettingsRepository } from '../../database/instance-settings.repository';
import { isSignInUnavailable } from '../../directory/directory-unavailable';
import { type DirectoryAccount, LdapDirectory } from '../../directory/ldap-directory';
import type { UserRow } from '../users/users.repository';
import { type ExternalAccount, ExternalAccountsRepository } from './external-accounts.repository';
import { ExternalAccountsService } from './external-accounts.service';

/** Key of the advisory lock one replica holds while it syncs every directory user ("ldap"). */
export const DIRECTORY_SYNC_LOCK_KEY = 0x6c646170;
/** The instance setting holding when the last full sync ended (epoch ms). */
const LAST_SYNC_SETTING = 'ldap-last-sync';
/** Directory users read per page during a sync. */
const SYNC_PAGE = 200;

function externalOf(account: DirectoryAccount, privileges: readonly Privilege[]): ExternalAccount {
  return { externalId: account.dn, name: account.name, email: account.email, groups: account.groups, privileges };
}

/** What a scheduled sync did. */
export interface DirectorySyncReport {
  readonly checked: number;
  readonly changed: number;
  readonly disabled: number;
}

/**
 * Directory users in Portcullis: a sign-in checks the password with the directory and brings the
 * user (created at its first sign-in), e-mail and directory groups up to date; every
 * LDAP_SYNC_INTERVAL one replica re-reads every directory user, so group changes and accounts the
 * directory no longer has (or its filter leaves out) apply without a sign-in: those are disabled
 * until the directory has them again, and their personal access tokens stop working.
 */
@Injectable()
export class DirectoryAccounts implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Directory');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  /** When the directory last confirmed a user whose token is in use, by user id (this replica's). */
  private readonly confirmed = new LRUCache<number, number>(entriesUpTo(100_000));

  constructor(
    private readonly directory: LdapDirectory,
    private readonly accounts: ExternalAccountsRepository,
    private readonly external: ExternalAccountsService,
    private readonly locks: AdvisoryLocks,
    private readonly settings: InstanceSettingsRepository,
    private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.directory.enabled;
  }

  onApplicationBootstrap(): void {
    const interval = this.config.ldap?.syncIntervalMs ?? 0;
    if (interval === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.syncIfDue(interval)
        .catch((error: unknown) =>
          this.logger.warn(`Directory sync failed: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => (this.running = undefined));
    }, interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * Checks a directory user's password; on success the user's row, brought up to date. Throws
   * DirectoryUnavailable when the directory does not answer.
   */
  async signIn(login: string, password: string): Promise<{ row: UserRow } | { failure: string }> {
    const answer = await this.directory.authenticate(login, password);
    if ('failure' in answer) return answer;
    const applied = await this.apply(answer.account);
    return 'conflict' in applied ? { failure: applied.conflict } : { row: applied.row };
  }

  /**
   * Whether the directory still has a directory user whose personal access token is in use, asked
   * at most once per LDAP_RECHECK_INTERVAL per user: an account it no longer has is disabled at
   * once (its tokens stop on every replica), so a deleted user keeps its tokens for at most that
   * interval plus CREDENTIAL_CACHE_TTL, not until the next sync. While the directory cannot be
   * asked, the last answer stands.
   */
  async stillHas(user: UserRow): Promise<boolean> {
    if (!this.enabled || user.source !== 'ldap') return true;
    const last = this.confirmed.get(user.id);
    const recheckMs = this.config.ldap?.recheckMs ?? 0;
    if (last !== undefined && Date.now() - last < recheckMs) return true;
    let account: DirectoryAccount | null;
    try {
      account = await this.directory.lookup(user.name);
    } catch (error) {
      if (!isSignInUnavailable(error)) throw error;
      this.logger.warn(`Could not ask the directory about ${user.name}; its token is accepted meanwhile`);
      return true;
    }
    if (account === null) {
      this.confirmed.delete(user.id);
      await this.external.disable('ldap', user, 'the directory has no such account');
      return false;
    }
    this.confirmed.set(user.id, Date.now());
    return true;
  }

  /**
   * The scheduled sync: every replica's timer fires, and the first to find the last sync (by any
   * replica) an interval old runs it, so N replicas still sync once per interval.
   */
  async syncIfDue(intervalMs: number): Promise<DirectorySyncReport | undefined> {
    const last = await this.settings.get(LAST_SYNC_SETTING);
    if (typeof last === 'number' && Date.now() - last < intervalMs * 0.9) return undefined;
    return this.syncAll();
  }

  /** Re-reads every directory user once (one replica at a time); undefined when another replica is at it. */
  async syncAll(): Promise<DirectorySyncReport | undefined> {
    const run = await this.locks.run(DIRECTORY_SYNC_LOCK_KEY, async () => {
      let checked = 0;
      let changed = 0;
      let disabled = 0;
      for (let after = 0; ;) {
        const page = await this.accounts.accountsOf('ldap', after, SYNC_PAGE);
        if (page.length === 0) break;
        for (const user of page) {
          checked++;
          const account = await this.directory.lookup(user.name);
          if (account === null) {
            if (await this.external.disable('ldap', user, 'the directory has no such account')) disabled++;
            continue;
          }
          const applied = await this.apply(account);
          if ('row' in applied && applied.changed) changed++;
        }
        after = page[page.length - 1]!.id;
      }
      await this.settings.set(LAST_SYNC_SETTING, Date.now());
      return { checked, changed, disabled };
    });
    if (!run.ran) return undefined;
    this.logger.log(
      `Directory sync: ${run.result.checked} users checked, ${run.result.changed} updated, ${run.result.disabled} disabled`,
    );
    return run.result;
  }

  private apply(account: DirectoryAccount): ReturnType<ExternalAccountsService['apply']> {
    return this.external.apply('ldap', externalOf(account, this.config.ldap?.privileges ?? []));
  }
}
