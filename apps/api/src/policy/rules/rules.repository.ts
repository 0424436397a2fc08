import { Injectable } from '@nestjs/common';
import type { CustomRule, RuleMatch } from '@portcullis/domain';
import { Prisma } from '../../database/generated/client';
import { type PageRequest, keyset } from '../../database/keyset';
import { PrismaService } from '../../database/prisma.service';
import type { Tx } from '../../database/transactions';

export type RuleRow = Prisma.RuleGetPayload<object>;

export function ruleOf(row: RuleRow): CustomRule {
  return { id: row.id, match: row.match as RuleMatch, actions: row.actions, comment: row.comment };
}

export interface RuleWrite {
  match: RuleMatch;
  actions: string[];
  comment: string | null;
}

@Injectable()
export class RulesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One page of the rules, in evaluation order unless sorted otherwise. */
  page(request: PageRequest): Promise<RuleRow[]> {
    const page = keyset<Prisma.RuleWhereInput, Prisma.RuleOrderByWithRelationInput>(request);
    return this.prisma.rule.findMany({ where: page.where, orderBy: page.orderBy, take: page.take });
  }

  /** Every rule, in evaluation order. */
  /** Every rule in order, or those of `ids`. */
  list(ids?: readonly number[]): Promise<RuleRow[]> {
    return this.prisma.rule.findMany({
      ...(ids === undefined ? {} : { where: { id: { in: [...ids] } } }),
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    });
  }

  findById(id: number): Promise<RuleRow | null> {
    return this.prisma.rule.findUnique({ where: { id } });
  }

  /** Inserts at `position` (0-based; the end when absent), shifting the rules after it. */
  async create(data: RuleWrite, position: number | undefined): Promise<RuleRow> {
    return this.prisma.$transaction(async (tx) => {
      const count = await tx.rule.count();
      const at = Math.min(position ?? count, count);
      await tx.rule.updateMany({ where: { position: { gte: at } }, data: { position: { increment: 1 } } });
      return tx.rule.create({ data: { ...data, match: data.match as Prisma.InputJsonValue, position: at } });
    });
  }

  async update(id: number, data: Partial<RuleWrite>): Promise<RuleRow | null> {
    const { match, ...rest } = data;
    const { count } = await this.prisma.rule.updateMany({
      where: { id },
      data: { ...rest, ...(match === undefined ? {} : { match: match as Prisma.InputJsonValue }) },
    });
    return count === 0 ? null : this.findById(id);
  }

  async delete(id: number): Promise<boolean> {
    const { count } = await this.prisma.rule.deleteMany({ where: { id } });
    return count === 1;
  }

  /** Sets the order: `ids` must name every rule exactly once. */
  async reorder(ids: readonly number[]): Promise<RuleRow[]> {
    await this.prisma.$transaction(
      ids.map((id, position) => this.prisma.rule.update({ where: { id }, data: { position } })),
    );
    return this.list();
  }

  /** Replaces every rule (declarative configuration). */
  async replaceAll(rules: readonly RuleWrite[]): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.rule.deleteMany({}),
      this.prisma.rule.createMany({
        data: rules.map((r, position) => ({ ...r, match: r.match as Prisma.InputJsonValue, position })),
      }),
    ]);
  }

  /**
   * Replaces the rules configuration declares: they come first, in the document's order; rules
   * made through the API follow, in theirs.
   */
  async replaceConfigRules(rules: readonly RuleWrite[], tx: Tx): Promise<void> {
    await tx.rule.deleteMany({ where: { source: 'config' } });
    const kept = await tx.rule.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true } });
    for (const [i, rule] of kept.entries()) {
      await tx.rule.update({ where: { id: rule.id }, data: { position: rules.length + i } });
    }
    await tx.rule.createMany({
      data: rules.map((rule, position) => ({
        match: rule.match as Prisma.InputJsonValue,
        actions: rule.actions,
        comment: rule.comment,
        position,
        source: 'config',
      })),
    });
  }
}
