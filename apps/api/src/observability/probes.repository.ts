import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/** The database reads of the readiness probe. */
@Injectable()
export class ProbesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Names of the migrations applied and finished. */
  async appliedMigrations(): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    return rows.map((r) => r.migration_name);
  }

  /** How many registries are in each discovery state. */
  async registryStates(): Promise<Record<string, number>> {
    const groups = await this.prisma.registry.groupBy({ by: ['discoveryState'], _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.discoveryState, g._count._all]));
  }
}
