import { Injectable } from '@nestjs/common';
import type { OwnedNamespace } from '@portcullis/domain';
import { Prisma } from '../database/generated/client';
import { PrismaService } from '../database/prisma.service';
import { SqlPool } from '../database/sql-pool';

export interface SearchCandidate {
  name: string;
  description: string;
  starCount: number;
  official: boolean;
  automated: boolean;
  registryId: number;
}

/** A match of the API search, with its rank: 0 exact, 1 prefix, 2 substring. */
export interface ObjectMatch {
  kind: 'user' | 'group' | 'app' | 'registry' | 'repository' | 'tag';
  id: number;
  name: string;
  rank: number;
  stars: number;
  registryId: number | null;
  repository: string | null;
}

function likePattern(term: string, prefix = false): string {
  const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`);
  return prefix ? `${escaped}%` : `%${escaped}%`;
}

interface CandidateRow {
  name: string;
  description: string;
  star_count: number;
  official: boolean;
  automated: boolean;
  registry_id: number;
  branch: number;
}

@Injectable()
export class SearchRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlPool,
  ) {}

  /**
   * Repositories whose name contains `term`, best first: exact name, then prefix, then substring,
   * each most starred first. Two reads in one statement (through node-postgres: Prisma's per-row
   * work was a good part of a search's CPU), so that each can follow an index instead of sorting
   * every match: exact and prefix by name (few), substring in star order (the planner walks that
   * index for a common term, and takes the trigram index for a rare one). Repository names are
   * lower-case (distribution's grammar), so a lower-cased term and LIKE find what ILIKE would.
   *
   * With a narrowing, the matches the asker cannot pull are skipped before ranking, and the
   * substring read sorts the (trigram-found) matches instead: walking the star index would cross
   * every other group's and app's repositories to find the few left, as they sort together.
   */
  async repositories(
    term: string,
    registryIds: readonly number[] | undefined,
    take: number,
    narrowing: ReadonlyMap<OwnedNamespace, readonly string[]> = new Map(),
  ): Promise<SearchCandidate[]> {
    const lower = term.toLowerCase();
    // Under users/, groups/ and apps/, only the <ref>s where the asker may possibly pull (searchNarrowing).
    const filters = `($4::int[] IS NULL OR registry_id = ANY($4))
      AND NOT ($5::text[] IS NOT NULL AND name LIKE 'users/%' AND split_part(name, '/', 2) <> ALL($5))
      AND NOT ($6::text[] IS NOT NULL AND name LIKE 'groups/%' AND split_part(name, '/', 2) <> ALL($6))
      AND NOT ($7::text[] IS NOT NULL AND name LIKE 'apps/%' AND split_part(name, '/', 2) <> ALL($7))`;
    const columns = 'name, description, star_count, official, automated, registry_id';
    // `star_count + 0` is not the index's expression: the planner sorts the matches.
    const starOrder = narrowing.size === 0 ? 'star_count DESC' : 'star_count + 0 DESC';
    // One statement, so one round trip: both reads, told apart by `branch`.
    const rows = await this.sql.run<CandidateRow>(
      `(SELECT ${columns}, 0 AS branch FROM repository
         WHERE (name = $1 OR name LIKE $2) AND ${filters}
         ORDER BY (name = $1) DESC, star_count DESC, name LIMIT $8)
       UNION ALL
       (SELECT ${columns}, 1 AS branch FROM repository
         WHERE name LIKE $3 AND ${filters}
         ORDER BY ${starOrder}, name LIMIT $8)`,
      [
        lower,
        likePattern(lower, true),
        likePattern(lower),
        registryIds === undefined ? null : [...registryIds],
        narrowing.get('users') ?? null,
        narrowing.get('groups') ?? null,
        narrowing.get('apps') ?? null,
        take,
      ],
    );
    // Each read in its order again (UNION ALL promises none): exact first, then most starred, then by name.
    const rank = (row: CandidateRow) => (row.name === lower ? 0 : 1);
    const byStarsThenName = (a: CandidateRow, b: CandidateRow) =>
      b.star_count - a.star_count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const leading = rows.filter((r) => r.branch === 0).sort((a, b) => rank(a) - rank(b) || byStarsThenName(a, b));
    const containing = rows.filter((r) => r.branch === 1).sort(byStarsThenName);
    const first = new Set(leading.map((c) => `${c.registry_id}/${c.name}`));
    return [...leading, ...containing.filter((c) => !first.has(`${c.registry_id}/${c.name}`))]
      .slice(0, take)
      .map((r) => ({
        name: r.name,
        description: r.description,
        starCount: r.star_count,
        official: r.official,
        automated: r.automated,
        registryId: r.registry_id,
      }));
  }

  /**
   * Objects whose name contains `term`, best first within each kind (the trigram indexes serve the
   * ILIKE), at most `take` of each.
   */
  async objects(term: string, kinds: readonly ObjectMatch['kind'][], take: number): Promise<ObjectMatch[]> {
    const contains = likePattern(term);
    const starts = likePattern(term.toLowerCase(), true);
    const lower = term.toLowerCase();
    const rank = (column: Prisma.Sql) =>
      Prisma.sql`(CASE WHEN lower(${column}) = ${lower} THEN 0 WHEN lower(${column}) LIKE ${starts} THEN 1 ELSE 2 END)`;
    const queries: Promise<ObjectMatch[]>[] = [];
    const simple = (kind: ObjectMatch['kind'], table: string, column: string) =>
      this.prisma.$queryRaw<ObjectMatch[]>`
        SELECT ${kind} AS kind, id, ${Prisma.raw(`"${column}"`)} AS name, ${rank(Prisma.raw(`"${column}"`))} AS rank, 0 AS stars,
               NULL::int AS "registryId", NULL::text AS repository
        FROM ${Prisma.raw(`"${table}"`)} WHERE ${Prisma.raw(`"${column}"`)} ILIKE ${contains}
        ORDER BY rank, name LIMIT ${take}`;
    if (kinds.includes('user')) queries.push(simple('user', 'user', 'name'));
    if (kinds.includes('group')) queries.push(simple('group', 'group', 'name'));
    if (kinds.includes('app')) queries.push(simple('app', 'app', 'name'));
    if (kinds.includes('registry')) queries.push(simple('registry', 'registry', 'service'));
    if (kinds.includes('repository')) {
      queries.push(this.prisma.$queryRaw<ObjectMatch[]>`
        SELECT 'repository' AS kind, id, name, ${rank(Prisma.sql`name`)} AS rank, star_count AS stars, registry_id AS "registryId", name AS repository
        FROM repository WHERE name ILIKE ${contains}
        ORDER BY rank, star_count DESC, name LIMIT ${take}`);
    }
    if (kinds.includes('tag')) {
      queries.push(this.prisma.$queryRaw<ObjectMatch[]>`
        SELECT 'tag' AS kind, t.id, t.name, ${rank(Prisma.sql`t.name`)} AS rank, r.star_count AS stars, r.registry_id AS "registryId", r.name AS repository
        FROM tag t JOIN repository r ON r.id = t.repository_id
        WHERE t.name ILIKE ${contains}
        ORDER BY rank, r.star_count DESC, r.name, t.name LIMIT ${take}`);
    }
    return (await Promise.all(queries)).flat().map((m) => ({ ...m, rank: Number(m.rank), stars: Number(m.stars) }));
  }
}
