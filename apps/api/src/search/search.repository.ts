import { Injectable } from '@nestjs/common';
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

/** A repository as search's index holds it. */
export interface IndexedRepository extends SearchCandidate {
  id: number;
}

/** What changed in the catalog since a transaction, and the transaction to read from next. */
export interface CatalogChanges {
  next: string;
  changed: IndexedRepository[];
  removed: number[];
}

/** A repository as json_build_array gives it, or a row read as an array. */
type CatalogRow = [number, string, string, number, boolean, boolean, number];

const indexed = (row: CatalogRow): IndexedRepository => {
  const [id, name, description, starCount, official, automated, registryId] = row;
  return { id, name, description, starCount, official, automated, registryId };
};

@Injectable()
export class SearchRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlPool,
  ) {}

  /**
   * The repositories changed (their searchable fields) and removed by transactions from `since`
   * on, in one statement, with where the next read starts: the
   * oldest transaction this read's snapshot could not see (pg_snapshot_xmin), so that a change
   * committed after the read, however late, is in the next one.
   */
  async catalogChanges(since: string): Promise<CatalogChanges> {
    const [row] = await this.sql.run<{ next: string; changed: CatalogRow[] | null; removed: number[] | null }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS next,
              (SELECT json_agg(json_build_array(id, name, description, star_count, official, automated, registry_id))
                 FROM repository WHERE changed_xid >= $1::bigint) AS changed,
              (SELECT array_agg(repository_id) FROM repository_removal WHERE removed_xid >= $1::bigint) AS removed`,
      [since],
    );
    return {
      next: row!.next,
      changed: (row!.changed ?? []).map(indexed),
      removed: row!.removed ?? [],
    };
  }

  /**
   * Every repository, by name in byte order (then id), `pageSize` at a time, handed to `onPage`
   * page after page; and where the next read of changes starts (as catalogChanges's `next`): a
   * change committed while the pages are read is in that next read.
   */
  async everyRepository(pageSize: number, onPage: (page: IndexedRepository[]) => Promise<void>): Promise<string> {
    const head = await this.sql.readInPages<{ next: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS next',
      `SELECT id, name, description, star_count, official, automated, registry_id
         FROM repository ORDER BY name COLLATE "C", id`,
      pageSize,
      (rows) => onPage((rows as CatalogRow[]).map(indexed)),
    );
    return head.next;
  }

  /** Forgets removals older than `before`: an index that old reloads everything instead. */
  async pruneRemovals(before: Date): Promise<void> {
    await this.sql.run('DELETE FROM repository_removal WHERE removed_at < $1', [before]);
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
