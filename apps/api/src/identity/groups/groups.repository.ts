import { Injectable } from '@nestjs/common';
import { Prisma } from '../../database/generated/client';
import { type PageRequest, keyset } from '../../database/keyset';
import { nameContains } from '../../database/pagination';
import { isUniqueViolation } from '../../database/prisma-errors';
import { PrismaService } from '../../database/prisma.service';
import type { Tx } from '../../database/transactions';

const withCount = { include: { _count: { select: { members: true } } } } satisfies Prisma.GroupDefaultArgs;
export type GroupRow = Prisma.GroupGetPayload<typeof withCount>;

@Injectable()
export class GroupsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One page of groups whose name contains `q`. */
  page(filter: { q?: string }, request: PageRequest): Promise<GroupRow[]> {
    const name = nameContains(filter.q);
    const page = keyset<Prisma.GroupWhereInput, Prisma.GroupOrderByWithRelationInput>(request);
    return this.prisma.group.findMany({
      where: { AND: [page.where, name ? { name } : {}] },
      orderBy: page.orderBy,
      take: page.take,
      ...withCount,
    });
  }

  findById(id: number): Promise<GroupRow | null> {
    return this.prisma.group.findUnique({ where: { id }, ...withCount });
  }

  /** Ids of the named groups that exist. */
  async idsByName(names: readonly string[], tx: Tx = this.prisma): Promise<Map<string, number>> {
    if (names.length === 0) return new Map();
    const rows = await tx.group.findMany({
      where: { name: { in: [...new Set(names)] } },
      select: { id: true, name: true },
    });
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  async create(name: string): Promise<GroupRow | null> {
    try {
      return await this.prisma.group.create({ data: { name }, ...withCount });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Renames; null when missing, 'taken' when the name is used. */
  async rename(id: number, name: string): Promise<GroupRow | null | 'taken'> {
    try {
      const { count } = await this.prisma.group.updateMany({ where: { id }, data: { name } });
      return count === 0 ? null : this.findById(id);
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  async delete(id: number): Promise<boolean> {
    const { count } = await this.prisma.group.deleteMany({ where: { id } });
    return count === 1;
  }

  /** Every group's name. */
  async allNames(): Promise<Set<string>> {
    return new Set((await this.prisma.group.findMany({ select: { name: true } })).map((g) => g.name));
  }

  /** Creates the groups of these names that do not exist. */
  async ensureNamed(names: readonly string[], tx: Tx = this.prisma): Promise<void> {
    await tx.group.createMany({ data: names.map((name) => ({ name })), skipDuplicates: true });
  }
}
