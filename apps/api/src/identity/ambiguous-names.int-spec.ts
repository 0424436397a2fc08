import { Logger } from '@nestjs/common';
import { TestDatabase, createTestDatabase } from '@portcullis/testing';
import { Database } from '../database/database';
import { migrate } from '../database/migrator';
import { PrismaService } from '../database/prisma.service';
import { AmbiguousNamesReport, AmbiguousNamesRepository } from './ambiguous-names';

describe(AmbiguousNamesReport.name, () => {
  let db: TestDatabase;
  let prisma: PrismaService;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.url, undefined, { log: () => undefined });
    prisma = new PrismaService({ url: db.url } as Database);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('should report users, groups and apps named with digits only, given before the rule, at start-up', async () => {
    // As an earlier version let them be created.
    await prisma.user.create({ data: { name: '12', passwordHash: null } });
    await prisma.user.create({ data: { name: 'alice2', passwordHash: null } });
    await prisma.group.create({ data: { name: '7' } });
    await prisma.app.create({ data: { name: '0042' } });
    const repository = new AmbiguousNamesRepository(prisma);
    expect((await repository.find()).map(({ kind, name }) => `${kind} ${name}`)).toEqual([
      'app 0042',
      'group 7',
      'user 12',
    ]);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await new AmbiguousNamesReport(repository).report();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/user 12 \(id \d+\).*Rename them/);
    } finally {
      warn.mockRestore();
    }
  });
});
