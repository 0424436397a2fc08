import { Injectable } from '@nestjs/common';
import type { AppPolicy } from '@portcullis/domain';
import { Prisma } from '../../database/generated/client';
import { type PageRequest, keyset } from '../../database/keyset';
import { nameContains } from '../../database/pagination';
import { isUniqueViolation } from '../../database/prisma-errors';
import { PrismaService } from '../../database/prisma.service';

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

  /** Every app with its groups, for the policy snapshot. */
  listPolicies(): Promise<AppRow[]> {
    return this.prisma.app.findMany({ orderBy: { id: 'asc' }, ...appWithGroups });
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
        if (data.responsibleIds !== undefined) {
          await tx.appResponsible.deleteMany({ where: { appId: id } });
          await tx.appResponsible.createMany({ data: data.responsibleIds.map((groupId) => ({ appId: id, groupId })) });
        }
        if (data.publicationIds !== undefined) {
          await tx.appPublication.deleteMany({ where: { appId: id } });
          await tx.appPublication.createMany({ data: data.publicationIds.map((groupId) => ({ appId: id, groupId })) });
        }
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
}
