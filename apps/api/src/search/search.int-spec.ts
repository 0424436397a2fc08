import type { OwnedNamespace } from '@portcullis/domain';
import { TestDatabase, createTestDatabase } from '@portcullis/testing';
import { Database } from '../database/database';
import { migrate } from '../database/migrator';
import { PrismaService } from '../database/prisma.service';
import { SqlPool } from '../database/sql-pool';
import { SearchRepository } from './search.repository';

describe(SearchRepository.name, () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let sql: SqlPool;
  let repository: SearchRepository;
  let registryId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.url, undefined, { log: () => undefined });
    prisma = new PrismaService({ url: db.url } as Database);
    sql = new SqlPool({ url: db.url } as Database);
    repository = new SearchRepository(prisma, sql);
    ({ id: registryId } = await prisma.registry.create({ data: { service: 'r.test', url: 'http://127.0.0.1:9' } }));
    // More matches than a search ever ranks, all before the ones a member of ops may pull.
    const names = [
      ...Array.from({ length: 2100 }, (_, i) => `groups/dev/crowd-${String(i).padStart(4, '0')}`),
      'groups/ops/crowd-zz',
      'library/crowd-zz',
      'users/alice/crowd-zz',
      'users/bob/crowd-zz',
      'users',
    ];
    await prisma.repository.createMany({ data: names.map((name) => ({ registryId, name })) });
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await sql.end();
    await db.drop();
  });

  const search = async (term: string, narrowing: [OwnedNamespace, string[]][] = []) =>
    (await repository.repositories(term, [registryId], 10, new Map(narrowing))).map((c) => c.name);

  it('should rank the best matches first when nothing is narrowed', async () => {
    expect(await search('crowd')).toEqual(
      Array.from({ length: 10 }, (_, i) => `groups/dev/crowd-${String(i).padStart(4, '0')}`),
    );
  });

  it("should skip other groups', users' and apps' repositories before ranking", async () => {
    expect(
      await search('crowd', [
        ['groups', ['2', 'ops']],
        ['users', ['1', 'alice']],
        ['apps', []],
      ]),
    ).toEqual(['groups/ops/crowd-zz', 'library/crowd-zz', 'users/alice/crowd-zz']);
    // An empty list shuts the namespace; a name with one segment is not in it.
    expect(await search('users', [['users', []]])).toEqual(['users']);
  });
});
