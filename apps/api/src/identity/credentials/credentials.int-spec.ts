import bcrypt from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import { TestDatabase, createTestDatabase } from '@portcullis/testing';
import { AccessGeneration } from '../../cluster/access-generation';
import { OpaqueToken } from '../../common/opaque-token';
import { migrate } from '../../database/migrator';
import { PrismaService } from '../../database/prisma.service';
import { AccessTokensRepository } from '../access-tokens/access-tokens.repository';
import { AppsRepository } from '../apps/apps.repository';
import { GroupsRepository } from '../groups/groups.repository';
import { RobotsRepository } from '../robots/robots.repository';
import { ServicesRepository } from '../services/services.repository';
import { UsersRepository } from '../users/users.repository';
import { CredentialsFixture, credentialsFixture } from './credentials.fixture';
import { Authentication, CredentialsService } from './credentials.service';
import { PasswordHasher } from './password-hasher';

const identity = (result: Authentication) => ('identity' in result ? result.identity : undefined);
const failure = (result: Authentication) => ('failure' in result ? result.failure : undefined);

describe(CredentialsService.name, () => {
  let db: TestDatabase;
  let fixture: CredentialsFixture;
  let prisma: PrismaService;
  let users: UsersRepository;
  let credentials: CredentialsService;
  let generation: AccessGeneration;
  let hasher: PasswordHasher;
  const credentialsWith = (env: Record<string, string>) => fixture.credentialsWith(env).credentials;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.url, undefined, { log: () => undefined });
    fixture = await credentialsFixture(db.url);
    ({ prisma, users, generation, hasher } = fixture);
    const tokens = new AccessTokensRepository(prisma);
    credentials = credentialsWith({ LOCKOUT_ACCOUNT_FAILURES: '1000' });

    const groups = new GroupsRepository(prisma);
    const dev = (await groups.create('dev'))!;
    const ops = (await groups.create('ops'))!;
    await users.create({
      name: 'dora',
      passwordHash: await hasher.hash('right-password'),
      privileges: ['DockerRegistriesPuller'],
      groupIds: [dev.id],
      primaryGroupId: ops.id,
    });
    await users.create({ name: 'gone', passwordHash: await hasher.hash('right-password'), disabled: true });
    await users.create({ name: 'imported', passwordHash: bcrypt.hashSync('htpasswd-pw', 5).replace('$2b$', '$2y$') });
    const shop = (await new AppsRepository(prisma).create({
      name: 'shop',
      responsibleIds: [dev.id],
      publicationIds: [ops.id],
    }))!;
    const services = new ServicesRepository(prisma);
    await services.create({ name: 'web1', appId: shop.id, secretHash: await hasher.hash('web1-secret') });
    const revoked = (await services.create({
      name: 'old',
      appId: shop.id,
      secretHash: await hasher.hash('old-secret'),
    }))!;
    await services.revoke(revoked.id, new Date());
    const robots = new RobotsRepository(prisma);
    const permissions = [{ repositories: 'apps/shop/**', actions: ['pull', 'push'] }];
    await robots.create({
      name: 'ci',
      appId: shop.id,
      secretHash: await hasher.hash('ci-secret'),
      permissions,
      expiresAt: null,
    });
    await robots.create({
      name: 'late',
      appId: shop.id,
      secretHash: await hasher.hash('late-secret'),
      permissions,
      expiresAt: new Date(Date.now() - 1000),
    });
    const dora = (await users.findByName('dora'))!;
    for (const [name, expiresAt, revokedAt] of [
      ['laptop', null, null],
      ['expired', new Date(Date.now() - 1000), null],
      ['revoked', null, new Date()],
    ] as const) {
      const row = await tokens.create({
        id: randomUUID(),
        userId: dora.id,
        name,
        tokenHash: OpaqueToken.hash(`pcp_${name}`),
        readOnly: name === 'laptop',
        registries: name === 'laptop' ? ['registry.test'] : [],
        expiresAt,
      });
      if (revokedAt) await tokens.revoke(row.id, revokedAt);
    }
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await fixture.close();
    await db.drop();
  });

  it('should store argon2id hashes, never the password', async () => {
    const row = await users.findByName('dora');
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.passwordHash).not.toContain('right-password');
  });

  it('should give a user its privileges and groups, the primary one included', async () => {
    expect(identity(await credentials.authenticate('dora', 'right-password'))).toMatchObject({
      kind: 'user',
      name: 'dora',
      isAdmin: false,
      privileges: ['DockerRegistriesPuller'],
      groups: expect.arrayContaining([
        expect.objectContaining({ name: 'dev' }),
        expect.objectContaining({ name: 'ops' }),
      ]),
      primaryGroup: expect.objectContaining({ name: 'ops' }),
    });
  });

  it('should accept an imported bcrypt hash once, then keep an argon2id one', async () => {
    // Upgrading the hash is no password change: the account's sessions live on.
    const row = await users.findByName('imported');
    const session = await prisma.session.create({
      data: { id: randomUUID(), userId: row!.id, tokenHash: 'u'.repeat(64), expiresAt: new Date(Date.now() + 60_000) },
    });
    expect(identity(await credentials.authenticate('imported', 'htpasswd-pw'))).toMatchObject({ name: 'imported' });
    expect((await prisma.session.findUnique({ where: { id: session.id } }))?.revokedAt).toBeNull();
    expect((await users.findByName('imported'))?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(identity(await credentials.authenticate('imported', 'htpasswd-pw'))).toMatchObject({ name: 'imported' });
    expect(failure(await credentials.authenticate('imported', 'wrong'))).toMatch(/wrong password/);
  });

  it('should sign in a service and a robot by their login names', async () => {
    expect(identity(await credentials.authenticate('service/web1', 'web1-secret'))).toMatchObject({
      kind: 'service',
      name: 'web1',
      app: { name: 'shop' },
    });
    expect(identity(await credentials.authenticate('robot/ci', 'ci-secret'))).toMatchObject({
      kind: 'robot',
      name: 'ci',
      permissions: [{ repositories: 'apps/shop/**', actions: ['pull', 'push'] }],
    });
  });

  it("should take a personal access token as its user's password, narrowed", async () => {
    expect(identity(await credentials.authenticate('dora', 'pcp_laptop'))).toMatchObject({
      kind: 'user',
      name: 'dora',
      token: { name: 'laptop', readOnly: true, registries: ['registry.test'] },
    });
  });

  it.each([
    ['a wrong password', 'dora', 'wrong-password', /wrong password for dora/],
    ['an unknown user', 'nobody', 'right-password', /no user named nobody/],
    ['a disabled user', 'gone', 'right-password', /user gone is disabled/],
    ['an empty password', 'dora', '', /wrong password/],
    ['a wrong service secret', 'service/web1', 'nope-nope-nope', /wrong secret for service\/web1/],
    ['a revoked service', 'service/old', 'old-secret', /service\/old is revoked/],
    ['an unknown service', 'service/none', 'x', /no service named none/],
    ['an expired robot', 'robot/late', 'late-secret', /robot\/late expired/],
    ['a wrong robot secret', 'robot/ci', 'wrong', /wrong secret for robot\/ci/],
    ['an expired token', 'dora', 'pcp_expired', /token expired expired/],
    ['a revoked token', 'dora', 'pcp_revoked', /token revoked is revoked/],
    ["another user's token", 'gone', 'pcp_laptop', /belongs to another user than gone/],
    // A `pcp_` secret that is no token may be a password: it is checked as one.
    ['an unknown token', 'dora', 'pcp_unknown', /wrong password for dora/],
  ])('should refuse %s and say why', async (_, login, secret, reason) => {
    const result = await credentials.authenticate(login, secret);
    expect(identity(result)).toBeUndefined();
    expect(failure(result)).toMatch(reason);
  });

  it('should sign in with a password that looks like a personal access token', async () => {
    await users.create({ name: 'pia', passwordHash: await hasher.hash('pcp_not-a-token-but-a-password') });
    await generation.sync();
    expect(identity(await credentials.authenticate('pia', 'pcp_not-a-token-but-a-password'))).toMatchObject({
      name: 'pia',
      kind: 'user',
    });
    expect(failure(await credentials.authenticate('pia', 'pcp_another-guess'))).toMatch(/wrong password for pia/);
  });

  it('should find identities by login name for explanations', async () => {
    expect(await credentials.identityByLogin('')).toEqual({ kind: 'anonymous' });
    expect(await credentials.identityByLogin('service/web1')).toMatchObject({ kind: 'service' });
    expect(await credentials.identityByLogin('robot/ci')).toMatchObject({ kind: 'robot' });
    expect(await credentials.identityByLogin('dora')).toMatchObject({ kind: 'user' });
    expect(await credentials.identityByLogin('robot/none')).toBeNull();
  });

  it('should verify a login once, then answer from the cache until an access change', async () => {
    const cached = credentialsWith({ LOCKOUT_ACCOUNT_FAILURES: '1000' });
    await users.create({ name: 'carl', passwordHash: await hasher.hash('first-password') });
    await generation.sync();
    const verify = jest.spyOn(hasher, 'verify');
    expect(identity(await cached.authenticate('carl', 'first-password'))).toMatchObject({ name: 'carl' });
    expect(identity(await cached.authenticate('carl', 'first-password'))).toMatchObject({ name: 'carl' });
    expect(verify).toHaveBeenCalledTimes(1);
    // A wrong secret is never answered from the cache.
    expect(failure(await cached.authenticate('carl', 'other-password'))).toMatch(/wrong password/);
    expect(verify).toHaveBeenCalledTimes(2);

    const carl = (await users.findByName('carl'))!;
    await users.update(carl.id, { passwordHash: await hasher.hash('second-password') });
    await generation.sync();
    expect(failure(await cached.authenticate('carl', 'first-password'))).toMatch(/wrong password for carl/);
    expect(identity(await cached.authenticate('carl', 'second-password'))).toMatchObject({ name: 'carl' });
  });

  it("should keep a cached login through others' changes, and verify it again after a change of its own", async () => {
    const cached = credentialsWith({ LOCKOUT_ACCOUNT_FAILURES: '1000' });
    const groups = new GroupsRepository(prisma);
    const team = (await groups.create('keepers'))!;
    await users.create({ name: 'keep', passwordHash: await hasher.hash('keep-password') });
    await users.create({ name: 'other', passwordHash: await hasher.hash('other-password') });
    await generation.sync();
    const verify = jest.spyOn(hasher, 'verify');
    expect(identity(await cached.authenticate('keep', 'keep-password'))).toMatchObject({ groups: [] });
    // Another user's membership, a new group, another user disabled: keep's entry stays.
    const other = (await users.findByName('other'))!;
    await users.update(other.id, { groupIds: [team.id] });
    await groups.create('newcomers');
    await users.update(other.id, { disabled: true });
    await generation.sync();
    expect(identity(await cached.authenticate('keep', 'keep-password'))).toMatchObject({ groups: [] });
    expect(verify).toHaveBeenCalledTimes(1);
    // Its own membership: verified again, and the group is in its identity.
    const keep = (await users.findByName('keep'))!;
    await users.update(keep.id, { groupIds: [team.id] });
    await generation.sync();
    expect(identity(await cached.authenticate('keep', 'keep-password'))).toMatchObject({
      groups: [{ id: team.id, name: 'keepers' }],
    });
    expect(verify).toHaveBeenCalledTimes(2);
    // Its group renamed: verified again, under the new name.
    await groups.rename(team.id, 'guardians');
    await generation.sync();
    expect(identity(await cached.authenticate('keep', 'keep-password'))).toMatchObject({
      groups: [{ id: team.id, name: 'guardians' }],
    });
    expect(verify).toHaveBeenCalledTimes(3);
  });

  it('should verify a login asked for by many at once a single time, and share the outcome', async () => {
    const cached = credentialsWith({ LOCKOUT_ACCOUNT_FAILURES: '1000' });
    await users.create({ name: 'fleet', passwordHash: await hasher.hash('fleet-password') });
    await generation.sync();
    const verify = jest.spyOn(hasher, 'verify');
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => cached.authenticate('fleet', 'fleet-password', '192.0.2.7')),
    );
    expect(answers.map((a) => identity(a))).toEqual(Array(16).fill(expect.objectContaining({ name: 'fleet' })));
    expect(verify).toHaveBeenCalledTimes(1);
    // A wrong secret is another key: checked on its own, and failed for everyone who sent it.
    const wrong = await Promise.all(Array.from({ length: 4 }, () => cached.authenticate('fleet', 'nope')));
    expect(wrong.map((a) => failure(a))).toEqual(Array(4).fill('wrong password for fleet'));
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('should verify a login in use again ahead of its expiry, off the request path', async () => {
    // A TTL of 2 s: past 1.5 s a hit has the login verified again in the background.
    const cached = credentialsWith({ LOCKOUT_ACCOUNT_FAILURES: '1000', CREDENTIAL_CACHE_TTL: '2' });
    await users.create({ name: 'steady', passwordHash: await hasher.hash('steady-password') });
    await generation.sync();
    const verify = jest.spyOn(hasher, 'verify');
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const started = Date.now();
    expect(identity(await cached.authenticate('steady', 'steady-password'))).toMatchObject({ name: 'steady' });
    expect(verify).toHaveBeenCalledTimes(1);
    await sleep(1600);
    // Answered from the entry at once; the second verification runs behind it.
    expect(identity(await cached.authenticate('steady', 'steady-password'))).toMatchObject({ name: 'steady' });
    for (let i = 0; i < 100 && verify.mock.calls.length < 2; i++) await sleep(10);
    expect(verify).toHaveBeenCalledTimes(2);
    // Past the first verification's TTL the renewed entry answers: no request waited for a hash.
    await sleep(2300 - (Date.now() - started));
    expect(identity(await cached.authenticate('steady', 'steady-password'))).toMatchObject({ name: 'steady' });
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('should lock an account out after repeated failures without checking its password, but not a login it verified', async () => {
    const throttled = credentialsWith({ LOCKOUT_ACCOUNT_FAILURES: '3', LOCKOUT_ADDRESS_FAILURES: '1000' });
    await users.create({ name: 'lena', passwordHash: await hasher.hash('lena-password') });
    await generation.sync();
    expect(identity(await throttled.authenticate('lena', 'lena-password', '192.0.2.1'))).toMatchObject({
      name: 'lena',
    });
    for (let i = 0; i < 3; i++) {
      expect(failure(await throttled.authenticate('lena', `guess-${i}`, '192.0.2.9'))).toMatch(/wrong password/);
    }
    const verify = jest.spyOn(hasher, 'verify');
    const locked = await throttled.authenticate('lena', 'guess-3', '192.0.2.9');
    expect(locked).toMatchObject({ failure: expect.stringMatching(/too many failed logins/) });
    expect('retryAfterMs' in locked && locked.retryAfterMs).toBeGreaterThan(25_000);
    expect(verify).not.toHaveBeenCalled();
    // Known good from the cache: the attacker cannot lock out a login that works.
    expect(identity(await throttled.authenticate('lena', 'lena-password', '192.0.2.1'))).toMatchObject({
      name: 'lena',
    });
  });
});
