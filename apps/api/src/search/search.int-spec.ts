import { Client } from 'pg';
import type { OwnedNamespace } from '@portcullis/domain';
import { TestDatabase, createTestDatabase } from '@portcullis/testing';
import { Database } from '../database/database';
import { migrate } from '../database/migrator';
import { PrismaService } from '../database/prisma.service';
import { SqlPool } from '../database/sql-pool';
import { CatalogIndex } from './catalog-index';
import { SearchRepository } from './search.repository';

describe(CatalogIndex.name, () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let sql: SqlPool;
  let index: CatalogIndex;
  let registryId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.url, undefined, { log: () => undefined });
    prisma = new PrismaService({ url: db.url } as Database);
    sql = new SqlPool({ url: db.url } as Database);
    index = new CatalogIndex(new SearchRepository(prisma, sql));
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

  const search = async (term: string, narrowing: [OwnedNamespace, string[]][] = [], registries = [registryId]) =>
    (await index.matching(term, registries, new Map(narrowing))).best(10).map((c) => c.name);

  it('should rank the best matches first when nothing is narrowed', async () => {
    expect(await search('crowd')).toEqual(
      Array.from({ length: 10 }, (_, i) => `groups/dev/crowd-${String(i).padStart(4, '0')}`),
    );
    expect(await search('CROWD-000')).toHaveLength(10);
    expect(await search('crowd', [], [registryId + 1])).toEqual([]);
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

  it('should see what was added, changed and removed since the last search, by any writer', async () => {
    expect(await search('fresh')).toEqual([]);
    const { id } = await prisma.repository.create({ data: { registryId, name: 'library/fresh' } });
    await prisma.repository.create({ data: { registryId, name: 'library/fresh-tools' } });
    expect(await search('fresh')).toEqual(['library/fresh', 'library/fresh-tools']);

    await prisma.repository.update({ where: { id }, data: { name: 'library/refreshed', starCount: 3 } });
    expect(await search('fresh')).toEqual(['library/refreshed', 'library/fresh-tools']); // most starred first
    const [found] = (await index.matching('refreshed', [registryId], new Map())).best(1);
    expect(found).toMatchObject({ name: 'library/refreshed', starCount: 3 });

    await prisma.repository.delete({ where: { id } });
    expect(await search('fresh')).toEqual(['library/fresh-tools']);
  });

  it('should see a change whose transaction commits after later ones', async () => {
    const slow = new Client({ connectionString: db.url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query('INSERT INTO repository (registry_id, name) VALUES ($1, $2)', [registryId, 'library/late']);
      // Searches read on while it is open: later transactions commit, the index moves past them.
      expect(await search('late')).toEqual([]);
      await prisma.repository.create({ data: { registryId, name: 'library/early' } });
      expect(await search('early')).toEqual(['library/early']);
      await slow.query('COMMIT');
      expect(await search('late')).toEqual(['library/late']);
    } finally {
      await slow.end();
    }
  });

  it("should keep a registry's catalog in order through changes, a page being read holding the names it started with", async () => {
    const page = async (last: string) => [...(await index.namesAfter(registryId, last, new Map()))];
    const before = await page('library/');
    const reading = (await index.namesAfter(registryId, 'library/', new Map()))[Symbol.iterator]();
    const first = reading.next().value;
    const added = await prisma.repository.create({ data: { registryId, name: 'library/aaa-new' } });
    const gone = await prisma.repository.create({ data: { registryId, name: 'library/zzz-gone' } });
    await prisma.repository.delete({ where: { id: gone.id } });
    const after = await page('library/');
    expect(after).toEqual([...before, 'library/aaa-new'].sort());
    // The page read meanwhile goes on over the names as they were when it started.
    expect([first, ...{ [Symbol.iterator]: () => reading }]).toEqual(before);
    await prisma.repository.update({ where: { id: added.id }, data: { name: 'library/aab-renamed' } });
    expect(await page('library/')).toEqual([...before, 'library/aab-renamed'].sort());
    await prisma.repository.delete({ where: { id: added.id } });
    expect(await page('library/')).toEqual(before);
  });

  it("should drop a removed registry's repositories", async () => {
    const other = await prisma.registry.create({ data: { service: 'gone.test', url: 'http://127.0.0.1:9' } });
    await prisma.repository.create({ data: { registryId: other.id, name: 'library/ephemeral' } });
    expect(await search('ephemeral', [], [other.id])).toEqual(['library/ephemeral']);
    await prisma.registry.delete({ where: { id: other.id } });
    expect((await index.matching('ephemeral', undefined, new Map())).best(10)).toEqual([]);
  });

  it('should answer from the index as it last was while the database does not answer, when due for a reload too', async () => {
    const pool = new SqlPool({ url: db.url } as Database);
    const own = new CatalogIndex(new SearchRepository(prisma, pool));
    const crowd = async () => (await own.matching('crowd', [registryId], new Map())).best(3).map((c) => c.name);
    const before = await crowd();
    expect(before).toHaveLength(3);
    await pool.end();
    expect(await crowd()).toEqual(before);
    const now = Date.now();
    const later = jest.spyOn(Date, 'now').mockReturnValue(now + 2 * 60 * 60 * 1000);
    try {
      expect(await crowd()).toEqual(before);
    } finally {
      later.mockRestore();
    }
    // An index never loaded has nothing to answer from.
    await expect(
      new CatalogIndex(new SearchRepository(prisma, pool)).matching('crowd', undefined, new Map()),
    ).rejects.toThrow();
  });

  it('should load a catalog larger than a page, in byte order, and take thousands of changes at once', async () => {
    const { id: bulk } = await prisma.registry.create({ data: { service: 'bulk.test', url: 'http://127.0.0.1:9' } });
    // 25,000 names (five pages of the load), with punctuation that sorts apart by byte and by locale.
    await sql.query(
      `INSERT INTO repository (registry_id, name, star_count)
       SELECT $1, 'bulk/n-' || lpad(i::text, 5, '0') || (ARRAY['', '.x', '_x', '-x'])[i % 4 + 1], i % 7
         FROM generate_series(1, 25000) AS i`,
      [bulk],
    );
    const inDatabase = async () =>
      (
        await sql.query<{ name: string }>(
          'SELECT name FROM repository WHERE registry_id = $1 ORDER BY name COLLATE "C"',
          [bulk],
        )
      ).rows.map((r) => r.name);
    const fresh = new CatalogIndex(new SearchRepository(prisma, sql));
    const catalog = async (of: CatalogIndex) => [...(await of.namesAfter(bulk, '', new Map()))];
    expect(await catalog(fresh)).toEqual(await inDatabase());
    const best = async (of: CatalogIndex, term: string) =>
      (await of.matching(term, [bulk], new Map())).best(4).map((c) => `${c.name}:${c.starCount}`);
    // Most starred first (i % 7 stars), then by name: i = 13, 12, 19, 11 of 10 to 19.
    const expected = ['bulk/n-00013.x:6', 'bulk/n-00012:5', 'bulk/n-00019-x:5', 'bulk/n-00011-x:4'];
    expect(await best(fresh, 'n-0001')).toEqual(expected);

    // A first crawl's worth of changes at once: more than are applied one by one.
    await sql.query(
      `DELETE FROM repository WHERE registry_id = $1 AND name LIKE 'bulk/n-%' AND substr(name, 8, 5)::int % 12 = 0`,
      [bulk],
    );
    await sql.query(
      `INSERT INTO repository (registry_id, name, star_count)
       SELECT $1, 'bulk/m-' || lpad(i::text, 5, '0'), CASE WHEN i = 2999 THEN 50 ELSE 0 END FROM generate_series(1, 3000) AS i`,
      [bulk],
    );
    await sql.query(`UPDATE repository SET star_count = 40 WHERE registry_id = $1 AND name = 'bulk/n-00017.x'`, [bulk]);
    for (const of of [fresh, index]) {
      expect(await catalog(of)).toEqual(await inDatabase());
      expect(await best(of, 'n-0001')).toEqual([
        'bulk/n-00017.x:40',
        'bulk/n-00013.x:6',
        'bulk/n-00019-x:5',
        'bulk/n-00011-x:4',
      ]);
      expect(await best(of, 'm-0299')).toEqual([
        'bulk/m-02999:50',
        'bulk/m-02990:0',
        'bulk/m-02991:0',
        'bulk/m-02992:0',
      ]);
    }
  });
});
