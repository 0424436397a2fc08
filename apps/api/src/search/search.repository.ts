import { Injectable } from '@nestjs/common';
import type { OwnedNamespace } from '@portcullis/domain';
import { Prisma } from '../database/generated/client';
import { PrismaService } from '../database/prisma.service';

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

@Injectable()
export class SearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Repositories whose name contains `term`, best first: exact name, then prefix, then substring,
   * each most starred first. Two reads, so that each can follow an index instead of sorting every
   * match: exact and prefix by name (few), substring in star order (the planner walks that index
   * for a common term, and takes the trigram index for a rare one). Repository names are
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
    const outside = (namespace: OwnedNamespace) => {
      const refs = narrowing.get(namespace);
      return Prisma.sql`NOT (${refs !== undefined}::boolean AND name LIKE ${`${namespace}/%`} AND split_part(name, '/', 2) <> ALL(${[...(refs ?? [])]}::text[]))`;
    };
    const inRegistries = Prisma.sql`(${registryIds === undefined}::boolean OR registry_id = ANY(${[...(registryIds ?? [])]}::int[]))
      AND ${outside('users')} AND ${outside('groups')} AND ${outside('apps')}`;
    const columns = Prisma.sql`name, description, star_count AS "starCount", official, automated, registry_id AS "registryId"`;
    // `star_count + 0` is not the index's expression: the planner sorts the matches.
    const starOrder = narrowing.size === 0 ? Prisma.sql`star_count DESC` : Prisma.sql`star_count + 0 DESC`;
    const [leading, containing] = await Promise.all([
      this.prisma.$queryRaw<SearchCandidate[]>`
        SELECT ${columns} FROM repository
        WHERE (name = ${lower} OR name LIKE ${likePattern(lower, true)}) AND ${inRegistries}
        ORDER BY (name = ${lower}) DESC, star_count DESC, name
        LIMIT ${take}`,
      this.prisma.$queryRaw<SearchCandidate[]>`
        SELECT ${columns} FROM repository
        WHERE name LIKE ${likePattern(lower)} AND ${inRegistries}
        ORDER BY ${starOrder}, name
        LIMIT ${take}`,
    ]);
    const first = new Set(leading.map((c) => `${c.registryId}/${c.name}`));
    return [...leading, ...containing.filter((c) => !first.has(`${c.registryId}/${c.name}`))].slice(0, take);
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
