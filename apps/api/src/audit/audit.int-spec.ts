import { TestDatabase, createTestDatabase } from '@portcullis/testing';
import { loadConfig } from '../config/app-config';
import { Database } from '../database/database';
import { migrate } from '../database/migrator';
import { PrismaService } from '../database/prisma.service';
import { SqlPool } from '../database/sql-pool';
import { AuditQueryService } from './audit-query.service';
import { AuditRepository } from './audit.repository';
import { AuditService, auditKeyOf } from './audit.service';

describe(AuditService.name, () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let repository: AuditRepository;
  let sql: SqlPool;
  let writer: AuditService;
  let query: AuditQueryService;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.url, undefined, { log: () => undefined });
    prisma = new PrismaService({ url: db.url } as Database);
    sql = new SqlPool({ url: db.url } as Database);
    repository = new AuditRepository(prisma, sql);
    writer = new AuditService(repository);
    query = new AuditQueryService(repository, writer, loadConfig({ AUDIT_RETENTION_DAYS: '30' }));
  });

  afterAll(async () => {
    await writer.beforeApplicationShutdown();
    await prisma.$disconnect();
    await sql.end();
    await db.drop();
  });

  const event = (actor: string, at?: Date) => ({
    category: 'token' as const,
    action: 'token.issue',
    actor,
    actorKind: 'user',
    outcome: 'granted',
    registry: 'r.test',
    ...(at ? { at } : {}),
  });

  it('should write buffered events in batches and show them to queries at once', async () => {
    for (let i = 0; i < 1200; i++) writer.record(event(`batch-${i % 3}`));
    const page = await query.list({ actor: 'batch-1', limit: 500 });
    expect(page.items).toHaveLength(400);
    expect(page.nextCursor).toBeNull();
  });

  it('should keep every field, and store a NUL a login name carried as U+FFFD', async () => {
    writer.record({
      ...event('nul\0name'),
      address: '192.0.2.7',
      userAgent: 'docker/27 "quoted" \\ back',
      clause: 'rule #1',
      target: 't',
      detail: { access: [{ name: 'a/b', granted: ['pull'] }], note: 'ünïcode ✓' },
    });
    writer.record(event('after-nul'));
    await writer.flush();
    const [stored] = (await query.list({ actor: 'nul\uFFFDname' })).items;
    expect(stored).toMatchObject({
      actorKind: 'user',
      address: '192.0.2.7',
      userAgent: 'docker/27 "quoted" \\ back',
      clause: 'rule #1',
      target: 't',
      detail: { access: [{ name: 'a/b', granted: ['pull'] }], note: 'ünïcode ✓' },
    });
    expect((await query.list({ actor: 'after-nul' })).items).toHaveLength(1);
  });

  it('should keep an event whose values are longer than their columns, or not text at all', async () => {
    writer.record({
      ...event('long-' + 'x'.repeat(5000)),
      userAgent: 'agent-'.repeat(200),
      target: `lone \ud800 surrogate ${'t'.repeat(400)}`,
      detail: { odd: 'lone \udfff' },
    });
    writer.record(event('after-long'));
    await writer.flush();
    const [stored] = (await query.list({ actor: `long-${'x'.repeat(295)}` })).items;
    expect(stored!.actor).toHaveLength(300);
    expect(stored!.userAgent).toHaveLength(500);
    expect(stored!.target).toMatch(/^lone \uFFFD surrogate t+$/);
    expect(stored!.detail).toEqual({ odd: 'lone \uFFFD' });
    expect((await query.list({ actor: 'after-long' })).items).toHaveLength(1);
  });

  it('should keep events for the retention period only', async () => {
    const day = 86_400_000;
    writer.record(event('old', new Date(Date.now() - 31 * day)));
    writer.record(event('recent', new Date(Date.now() - 29 * day)));
    await writer.flush();
    expect(await query.applyRetention()).toBe(1);
    expect((await query.list({ actor: 'old' })).items).toHaveLength(0);
    expect((await query.list({ actor: 'recent' })).items).toHaveLength(1);
  });

  it('should filter by time', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const recent = await query.list({ actor: 'recent', since });
    expect(recent.items).toHaveLength(0);
  });

  it('should write identical repeated decisions of one flush as one event with a count and their token ids', async () => {
    const decision = (actor: string, outcome = 'granted') => ({
      ...event(actor),
      outcome,
      address: '192.0.2.9',
      detail: { access: [{ name: 'apps/shop/web', granted: ['pull'] }] },
    });
    const repeat = (outcome: string, tokenId?: string) => {
      const repeated = decision('fleet', outcome);
      writer.recordRepeated(auditKeyOf(repeated), () => repeated, tokenId);
    };
    for (let i = 0; i < 150; i++) repeat('granted', `id-${i}`);
    repeat('denied', 'other');
    repeat('granted');
    await writer.flush();
    repeat('granted', 'after');
    const { items } = await query.list({ actor: 'fleet', limit: 10 });
    expect(items.map((e) => [e.outcome, e.count])).toEqual([
      ['granted', 1],
      ['denied', 1],
      ['granted', 151],
    ]);
    const merged = items[2]!.detail as { jtis: string[]; lastAt: string };
    expect(merged.jtis).toHaveLength(100);
    expect(merged.jtis.slice(0, 2)).toEqual(['id-0', 'id-1']);
    expect(Date.parse(merged.lastAt)).toBeGreaterThanOrEqual(Date.parse(items[2]!.at));
    expect(items[0]!.detail).toMatchObject({ jtis: ['after'] });
    // Events recorded one by one stay one by one.
    writer.record(event('single'));
    writer.record(event('single'));
    expect((await query.list({ actor: 'single' })).items.map((e) => e.count)).toEqual([1, 1]);
  });
});
