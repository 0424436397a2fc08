import { Injectable } from '@nestjs/common';
import { type IdentitySource, Prisma, type Privilege } from '../../database/generated/client';
import { PrismaService } from '../../database/prisma.service';
import { type UserRow, withGroups } from '../users/users.repository';

/** An account as a sign-in source (LDAP, OpenID Connect) describes it. */
export interface ExternalAccount {
  /** Its key at the source: DN, subject. */
  readonly externalId: string;
  readonly name: string;
  readonly email: string | null;
  /** Names of the Portcullis groups the source puts it in. */
  readonly groups: readonly string[];
  /** Privileges the account gets if this creates it (later, an administrator's say). */
  readonly privileges: readonly Privilege[];
}

/** What applying an account changed, for the audit log. */
export interface AccountChanges {
  readonly created: boolean;
  readonly joined: readonly string[];
  readonly left: readonly string[];
  readonly updated: readonly string[];
}

export type Applied = { readonly row: UserRow; readonly changes: AccountChanges } | { readonly conflict: string };

type Tx = Prisma.TransactionClient;

/**
 * Writes what a sign-in source says about its accounts: creates the user on its first sign-in,
 * keeps its e-mail and source key current, creates the groups the source names, and replaces the
 * memberships that source keeps (an administrator's memberships are left alone). Writes nothing
 * when nothing changed, so a sign-in does not disturb the caches every change empties.
 */
@Injectable()
export class ExternalAccountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * `byExternalId`: the account is first looked for by its key at the source (an OpenID subject
   * keeps its Portcullis user when the provider renames it); otherwise by name, as a directory's
   * login name is the key.
   */
  apply(source: IdentitySource, account: ExternalAccount, byExternalId = false): Promise<Applied> {
    return this.prisma.$transaction(async (tx) => {
      const existing =
        (byExternalId
          ? await tx.user.findUnique({
              where: { source_externalId: { source, externalId: account.externalId } },
              ...withGroups,
            })
          : null) ?? (await tx.user.findUnique({ where: { name: account.name }, ...withGroups }));
      if (existing !== null && existing.source !== source) {
        return { conflict: `user ${existing.name} signs in with ${existing.source}, not ${source}` };
      }
      if (
        byExternalId &&
        existing !== null &&
        existing.externalId !== null &&
        existing.externalId !== account.externalId
      ) {
        return { conflict: `user ${existing.name} is another ${source} account than ${account.externalId}` };
      }
      const updated: string[] = [];
      let id: number;
      if (existing === null) {
        await this.releaseExternalId(tx, source, account);
        id = (
          await tx.user.create({
            data: {
              name: account.name,
              email: account.email,
              source,
              externalId: account.externalId,
              passwordHash: null,
              privileges: [...account.privileges],
            },
            select: { id: true },
          })
        ).id;
      } else {
        id = existing.id;
        const data: Prisma.UserUpdateInput = {};
        if (existing.email !== account.email) {
          data.email = account.email;
          updated.push('email');
        }
        if (existing.externalId !== account.externalId) {
          await this.releaseExternalId(tx, source, account);
          data.externalId = account.externalId;
          updated.push('externalId');
        }
        if (existing.sourceDisabled) {
          data.sourceDisabled = false;
          updated.push('sourceDisabled');
        }
        if (updated.length > 0) await tx.user.update({ where: { id }, data });
      }
      const { joined, left } = await this.syncMemberships(tx, id, source, existing, account.groups);
      const row =
        existing !== null && updated.length === 0 && joined.length === 0 && left.length === 0
          ? existing
          : await tx.user.findUniqueOrThrow({ where: { id }, ...withGroups });
      return { row, changes: { created: existing === null, joined, left, updated } };
    });
  }

  /** Marks a source's account as gone from the source (or back); true when that changed it. */
  async setSourceDisabled(id: number, source: IdentitySource, sourceDisabled: boolean): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({
      where: { id, source, sourceDisabled: !sourceDisabled },
      data: { sourceDisabled },
    });
    return count === 1;
  }

  /** The names of a source's accounts, a page at a time (id order, after `afterId`). */
  accountsOf(source: IdentitySource, afterId: number, take: number): Promise<{ id: number; name: string }[]> {
    return this.prisma.user.findMany({
      where: { source, id: { gt: afterId } },
      select: { id: true, name: true },
      orderBy: { id: 'asc' },
      take,
    });
  }

  /** Another account that had this key at the source (an entry renamed or reused) lets go of it. */
  private async releaseExternalId(tx: Tx, source: IdentitySource, account: ExternalAccount): Promise<void> {
    await tx.user.updateMany({
      where: { source, externalId: account.externalId, name: { not: account.name } },
      data: { externalId: null },
    });
  }

  private async syncMemberships(
    tx: Tx,
    userId: number,
    source: IdentitySource,
    existing: UserRow | null,
    groups: readonly string[],
  ): Promise<{ joined: string[]; left: string[] }> {
    const held = new Map((existing?.memberships ?? []).map((m) => [m.group.name, m]));
    const joined = groups.filter((name) => !held.has(name));
    const left = [...held.values()]
      .filter((m) => m.source === source && !groups.includes(m.group.name))
      .map((m) => m.group.name);
    if (joined.length > 0) {
      await tx.group.createMany({ data: joined.map((name) => ({ name })), skipDuplicates: true });
      const ids = await tx.group.findMany({ where: { name: { in: joined } }, select: { id: true } });
      await tx.groupMembership.createMany({
        data: ids.map((g) => ({ userId, groupId: g.id, source })),
        skipDuplicates: true,
      });
    }
    if (left.length > 0) {
      await tx.groupMembership.deleteMany({ where: { userId, source, group: { name: { in: left } } } });
    }
    return { joined: joined.sort(), left: left.sort() };
  }
}
