import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

export interface SearchCandidate {
  name: string;
  description: string;
  starCount: number;
  official: boolean;
  automated: boolean;
  registryId: number;
}

@Injectable()
export class SearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Repositories whose name contains `term` (case-insensitive; the trigram index serves it), best
   * first: exact name, then prefix, then substring, then most starred.
   */
  async repositories(
    term: string,
    registryIds: readonly number[] | undefined,
    take: number,
  ): Promise<SearchCandidate[]> {
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const lower = term.toLowerCase();
    return this.prisma.$queryRaw<SearchCandidate[]>`
      SELECT name, description, star_count AS "starCount", official, automated, registry_id AS "registryId"
      FROM repository
      WHERE name ILIKE ${pattern}
        AND (${registryIds === undefined}::boolean OR registry_id = ANY(${[...(registryIds ?? [])]}::int[]))
      ORDER BY (lower(name) = ${lower}) DESC, (lower(name) LIKE ${`${lower.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}) DESC, star_count DESC, name
      LIMIT ${take}`;
  }
}
