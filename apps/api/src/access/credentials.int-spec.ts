import { TestDatabase, createTestDatabase } from '@portcullis/testing';
import { Database } from '../database/database';
import { migrate } from '../database/migrator';
import { PrismaService } from '../database/prisma.service';
import { CredentialsService } from './credentials.service';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users/users.repository';

describe(CredentialsService.name, () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let users: UsersRepository;
  let credentials: CredentialsService;
  const hasher = new PasswordHasher();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.url, undefined, { log: () => undefined });
    prisma = new PrismaService({ url: db.url } as Database);
    users = new UsersRepository(prisma);
    credentials = new CredentialsService(users, hasher);
    await users.create({ name: 'dora', passwordHash: await hasher.hash('right-password'), isAdmin: false });
    await users.create({ name: 'gone', passwordHash: await hasher.hash('right-password'), isAdmin: false });
    await prisma.user.update({ where: { name: 'gone' }, data: { disabled: true } });
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('should store argon2id hashes, never the password', async () => {
    const row = await users.findByName('dora');
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.passwordHash).not.toContain('right-password');
  });

  it('should accept the right password', async () => {
    expect(await credentials.authenticate('dora', 'right-password')).toMatchObject({
      kind: 'user',
      name: 'dora',
      isAdmin: false,
    });
  });

  it.each([
    ['a wrong password', 'dora', 'wrong-password'],
    ['an unknown user', 'nobody', 'right-password'],
    ['a disabled user', 'gone', 'right-password'],
    ['an empty password', 'dora', ''],
  ])('should refuse %s', async (_, name, password) => {
    expect(await credentials.authenticate(name, password)).toBeNull();
  });

  it('should refuse a duplicate name without throwing', async () => {
    expect(await users.create({ name: 'dora', passwordHash: 'x', isAdmin: false })).toBeNull();
  });
});
