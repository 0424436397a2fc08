import { Injectable } from '@nestjs/common';
import type { AppPolicy } from '@portcullis/domain';
import { Prisma } from '../../database/generated/client';
import { type PageRequest, keyset } from '../../database/keyset';
import { nameContains } from '../../database/pagination';
import { isUniqueViolation } from '../../database/prisma-errors';
import { PrismaService } from '../../database/prisma.service';
import type { Tx } from '../../database/transactions';

export const appWithGroups = {
  include: {
    responsibles: { include: { group: { select: { id: true, name: true } } } },
    publications: { include: { group: { select: { id: true, name: true } } } },
  },
} satisfies Prisma.AppDefaultArgs;

export type AppRow = Prisma.AppGetPayload<typeof appWithGroups>;

export function appPolicyOf(row: AppRow): AppPolicy {
  return {
    id: row.id,
    name: row.name,
    responsibles: row.responsibles.map((r) => r.groupId),
    publications: row.publications.map((p) => p.groupId),
  };
}

export interface AppWrite {
  name?: string;
  responsibleIds?: number[];
  publicationIds?: number[];
}

/** Replaces the app's responsible and publication groups, those given. */
async function replaceGroups(tx: Tx, appId: number, data: Pick<AppWrite, 'responsibleIds' | 'publicationIds'>) {
  if (data.responsibleIds !== undefined) {
    await tx.appResponsible.deleteMany({ where: { appId } });
    await tx.appResponsible.createMany({ data: data.responsibleIds.map((groupId) => ({ appId, groupId })) });
  }
  if (data.publicationIds !== undefined) {
    await tx.appPublication.deleteMany({ where: { appId } });
    await tx.appPublication.createMany({ data: data.publicationIds.map((groupId) => ({ appId, groupId })) });
  }
}

@Injectable()
export class AppsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One page of apps whose name contains `q`. */
  page(filter: { q?: string }, request: PageRequest): Promise<AppRow[]> {
    const name = nameContains(filter.q);
    const page = keyset<Prisma.AppWhereInput, Prisma.AppOrderByWithRelationInput>(request);
    return this.prisma.app.findMany({
      where: { AND: [page.where, name ? { name } : {}] },
      orderBy: page.orderBy,
      take: page.take,
      ...appWithGroups,
    });
  }

  findById(id: number): Promise<AppRow | null> {
    return this.prisma.app.findUnique({ where: { id }, ...appWithGroups });
  }

  findByName(name: string): Promise<AppRow | null> {
    return this.prisma.app.findUnique({ where: { name }, ...appWithGroups });
  }

  /** Every app with its groups, or those of `ids`, for the policy snapshot. */
  listPolicies(ids?: readonly number[]): Promise<AppRow[]> {
    return this.prisma.app.findMany({
      ...(ids === undefined ? {} : { where: { id: { in: [...ids] } } }),
      orderBy: { id: 'asc' },
      ...appWithGroups,
    });
  }

  async create(data: AppWrite & { name: string }): Promise<AppRow | null> {
    try {
      return await this.prisma.app.create({
        data: {
          name: data.name,
          responsibles: { create: (data.responsibleIds ?? []).map((groupId) => ({ groupId })) },
          publications: { create: (data.publicationIds ?? []).map((groupId) => ({ groupId })) },
        },
        ...appWithGroups,
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Updates; null when missing, 'taken' when the new name is used. */
  async update(id: number, data: AppWrite): Promise<AppRow | null | 'taken'> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const { count } = await tx.app.updateMany({
          where: { id },
          data: data.name === undefined ? {} : { name: data.name },
        });
        if (count === 0) return null;
        await replaceGroups(tx, id, data);
        return tx.app.findUnique({ where: { id }, ...appWithGroups });
      });
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  async delete(id: number): Promise<boolean> {
    const { count } = await this.prisma.app.deleteMany({ where: { id } });
    return count === 1;
  }

  /** Every app's name. */
  async allNames(): Promise<Set<string>> {
    return new Set((await this.prisma.app.findMany({ select: { name: true } })).map((a) => a.name));
  }

  /** The ids of the apps of these names (those that exist). */
  async idsByName(names: readonly string[], tx: Tx = this.prisma): Promise<Map<string, number>> {
    const rows = await tx.app.findMany({
      where: { name: { in: [...new Set(names)] } },
      select: { id: true, name: true },
    });
    return new Map(rows.map((a) => [a.name, a.id]));
  }

  /** Writes an app as configuration declares it: created when missing, its groups replaced when given. */
  async applyDeclared(name: string, data: Pick<AppWrite, 'responsibleIds' | 'publicationIds'>, tx: Tx): Promise<void> {
    const row = await tx.app.upsert({ where: { name }, create: { name }, update: {} });
    await replaceGroups(tx, row.id, data);
  }
}
