import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import type { IdentitySource } from '../../database/generated/client';
import { isUniqueViolation } from '../../database/prisma-errors';
import type { UserRow } from '../users/users.repository';
import { type ExternalAccount, ExternalAccountsRepository } from './external-accounts.repository';

/** The audit detail's name for an account's key at each source. */
const KEY_NAMES: Record<IdentitySource, string> = { local: 'id', ldap: 'dn', oidc: 'subject' };

/**
 * What a sign-in source (the directory, the OpenID provider) says about its accounts, written and
 * audited the same way for each: the source is the audit log's actor.
 */
@Injectable()
export class ExternalAccountsService {
  constructor(
    private readonly accounts: ExternalAccountsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Brings the account's user up to date (ExternalAccountsRepository.apply) and audits what
   * changed; `changed` says whether anything did.
   */
  async apply(
    source: IdentitySource,
    account: ExternalAccount,
    byExternalId = false,
  ): Promise<{ row: UserRow; changed: boolean } | { conflict: string }> {
    const applied = await this.accounts.apply(source, account, byExternalId).catch((error: unknown) => {
      // Two first sign-ins of the same user at once: the second finds the first's row.
      if (!isUniqueViolation(error)) throw error;
      return this.accounts.apply(source, account, byExternalId);
    });
    if ('conflict' in applied) return applied;
    const { created, joined, left, updated } = applied.changes;
    const changed = created || joined.length > 0 || left.length > 0 || updated.length > 0;
    if (changed) {
      this.record(source, created ? 'user.source-create' : 'user.source-sync', applied.row.name, {
        [KEY_NAMES[source]]: account.externalId,
        ...(joined.length > 0 ? { joined } : {}),
        ...(left.length > 0 ? { left } : {}),
        ...(updated.length > 0 ? { updated } : {}),
      });
    }
    return { row: applied.row, changed };
  }

  /** Marks a source's account as gone from the source; true (and audited) when that changed it. */
  async disable(source: IdentitySource, user: { id: number; name: string }, reason: string): Promise<boolean> {
    if (!(await this.accounts.setSourceDisabled(user.id, source, true))) return false;
    this.record(source, 'user.source-disable', user.name, { reason });
    return true;
  }

  private record(source: IdentitySource, action: string, name: string, detail: Record<string, unknown>): void {
    this.audit.record({
      category: 'change',
      action,
      actor: source,
      actorKind: 'system',
      outcome: 'ok',
      target: name,
      detail,
    });
  }
}
