import { Injectable } from '@nestjs/common';
import { IdentitySource, Prisma, Privilege } from '../../database/generated/client';
import { type PageRequest, keyset } from '../../database/keyset';
import { nameContains } from '../../database/pagination';
import { isUniqueViolation } from '../../database/prisma-errors';
import { PrismaService } from '../../database/prisma.service';
import type { Tx } from '../../database/transactions';

export const withGroups = {
  include: { memberships: { include: { group: true } }, primaryGroup: true },
} satisfies Prisma.UserDefaultArgs;

export type UserRow = Prisma.UserGetPayload<typeof withGroups>;

export interface UserWrite {
  name?: string;
  email?: string | null;
  passwordHash?: string | null;
  /** A move to another source: the memberships the old source kept become an administrator's. */
  source?: IdentitySource;
  externalId?: string | null;
  sourceDisabled?: boolean;
  isAdmin?: boolean;
  disabled?: boolean;
  privileges?: Privilege[];
  primaryGroupId?: number | null;
  /** Replaces the memberships an administrator keeps when given (a source's own are left alone). */
  groupIds?: number[];
}

function scalars(data: UserWrite) {
  const { groupIds: _, ...rest } = data;
  return rest;
}

/**
 * Replaces the memberships an administrator keeps (`local`); a sign-in source's memberships (the
 * directory's or the provider's groups) are its own to change.
 */
async function replaceLocalMemberships(tx: Tx, userId: number, groupIds: readonly number[]): Promise<void> {
  await tx.groupMembership.deleteMany({ where: { userId, source: 'local' } });
  await tx.groupMembership.createMany({
    data: groupIds.map((groupId) => ({ userId, groupId })),
    skipDuplicates: true,
  });
}

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByName(name: string): Promise<UserRow | null> {
    return this.prisma.user.findUnique({ where: { name }, ...withGroups });
  }

  findById(id: number): Promise<UserRow | null> {
    return this.prisma.user.findUnique({ where: { id }, ...withGroups });
  }

  /** One page of users: name contains `q`, the flags, membership of `group`. */
  page(
    filter: { q?: string; disabled?: boolean; isAdmin?: boolean; group?: string },
    request: PageRequest,
  ): Promise<UserRow[]> {
    const name = nameContains(filter.q);
    const group = filter.group;
    const page = keyset<Prisma.UserWhereInput, Prisma.UserOrderByWithRelationInput>(request);
    return this.prisma.user.findMany({
      where: {
        AND: [
          page.where,
          {
            ...(name ? { name } : {}),
            ...(filter.disabled === undefined ? {} : { disabled: filter.disabled }),
            ...(filter.isAdmin === undefined ? {} : { isAdmin: filter.isAdmin }),
            ...(group === undefined
              ? {}
              : { OR: [{ memberships: { some: { group: { name: group } } } }, { primaryGroup: { name: group } }] }),
          },
        ],
      },
      orderBy: page.orderBy,
      take: page.take,
      ...withGroups,
    });
  }

  /** Creates the user, or returns null when the name is taken. */
  async create(data: UserWrite & { name: string; passwordHash: string }): Promise<UserRow | null> {
    try {
      return await this.prisma.user.create({
        data: {
          ...scalars(data),
          memberships: { create: (data.groupIds ?? []).map((groupId) => ({ groupId })) },
        } as Prisma.UserUncheckedCreateInput,
        ...withGroups,
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Updates the user; null when it does not exist. */
  async update(id: number, data: UserWrite): Promise<UserRow | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({ where: { id }, data: scalars(data) });
      if (count === 0) return null;
      if (data.source !== undefined) {
        await tx.groupMembership.updateMany({
          where: { userId: id, source: { not: data.source } },
          data: { source: 'local' },
        });
      }
      if (data.groupIds !== undefined) await replaceLocalMemberships(tx, id, data.groupIds);
      return tx.user.findUnique({ where: { id }, ...withGroups });
    });
  }

  async delete(id: number): Promise<boolean> {
    const { count } = await this.prisma.user.deleteMany({ where: { id } });
    return count === 1;
  }

  /** Replaces a password hash only if it is still the one that was checked (a bcrypt upgrade). */
  /**
   * Rehashes a password that was just verified: the same password, so not a change that ends the
   * account's sessions (the `password_changed` trigger is told so for this transaction).
   */
  async upgradePasswordHash(id: number, previous: string, next: string): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.$queryRaw`SELECT set_config('portcullis.password_upgrade', 'on', true)`,
      this.prisma.user.updateMany({ where: { id, passwordHash: previous }, data: { passwordHash: next } }),
    ]);
  }

  /** How many of the user's personal access tokens still work. */
  liveAccessTokenCount(userId: number): Promise<number> {
    return this.prisma.personalAccessToken.count({
      where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    });
  }

  /** Creates the user unless one with that name exists; true when this call created it. */
  async createIfAbsent(data: { name: string; passwordHash: string; isAdmin: boolean }): Promise<boolean> {
    const { count } = await this.prisma.user.createMany({ data: [data], skipDuplicates: true });
    return count === 1;
  }

  /** The stored password hashes of the users of these names (those that exist). */
  async passwordHashesOf(names: readonly string[]): Promise<Map<string, { passwordHash: string | null }>> {
    const rows = await this.prisma.user.findMany({
      where: { name: { in: [...names] } },
      select: { name: true, passwordHash: true },
    });
    return new Map(rows.map((u) => [u.name, { passwordHash: u.passwordHash }]));
  }

  /**
   * Writes a user as configuration declares it: created with its password hash, or brought in
   * line (a user declared without a new hash exists already, and keeps its password).
   */
  async applyDeclared(name: string, data: Omit<UserWrite, 'name'>, tx: Tx): Promise<void> {
    const fields = scalars(data);
    const row =
      data.passwordHash === undefined || data.passwordHash === null
        ? await tx.user.update({ where: { name }, data: fields })
        : await tx.user.upsert({
            where: { name },
            create: { ...fields, name, passwordHash: data.passwordHash },
            update: fields,
          });
    if (data.groupIds !== undefined) await replaceLocalMemberships(tx, row.id, data.groupIds);
  }
}
