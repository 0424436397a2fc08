import { randomUUID } from 'node:crypto';
import type { Identity } from '@portcullis/domain';
import { type LdapServer, type TestDatabase, createTestDatabase, startLdap } from '@portcullis/testing';
import { OpaqueToken } from '../../common/opaque-token';
import { migrate } from '../../database/migrator';
import { DirectoryUnavailable } from '../../directory/directory-unavailable';
import { AccessTokensRepository } from '../access-tokens/access-tokens.repository';
import { type CredentialsFixture, credentialsFixture } from '../credentials/credentials.fixture';
import type { Authentication, CredentialsService } from '../credentials/credentials.service';
import { GroupsRepository } from '../groups/groups.repository';

const identity = (result: Authentication): Identity | undefined => ('identity' in result ? result.identity : undefined);
const failure = (result: Authentication) => ('failure' in result ? result.failure : undefined);
const groupsOf = (result: Authentication) => {
  const who = identity(result);
  return who?.kind === 'user' ? who.groups.map((g) => g.name).sort() : undefined;
};

describe('LDAP directory sign-in', () => {
  let db: TestDatabase;
  let ldap: LdapServer;
  let fixture: CredentialsFixture;
  let credentials: CredentialsService;
  let env: Record<string, string>;

  beforeAll(async () => {
    [db, ldap] = await Promise.all([createTestDatabase(), startLdap()]);
    await migrate(db.url, undefined, { log: () => undefined });
    fixture = await credentialsFixture(db.url);
    env = {
      LDAP_URL: ldap.url,
      LDAP_BASE_DN: ldap.baseDn,
      LDAP_BIND_DN: ldap.bindDn,
      LDAP_BIND_PASSWORD: ldap.bindPassword,
      LDAP_TIMEOUT: '1',
      CREDENTIAL_CACHE_TTL: '0',
      LOCKOUT_ACCOUNT_FAILURES: '1000',
    };
    credentials = fixture.credentialsWith(env).credentials;
    await ldap.addUser({ uid: 'alice', password: 'alice-pw', mail: 'alice@example.org' });
    await ldap.addUser({ uid: 'bob', password: 'bob-pw' });
    await ldap.setGroup('Platform Devs', ['alice', 'bob']);
    await ldap.setGroup('ops', ['alice']);
  });

  afterAll(async () => {
    await fixture.close();
    await Promise.all([ldap.stop(), db.drop()]);
  });

  it('should create a directory user at its first sign-in, with its e-mail and groups, and no local password', async () => {
    const result = await credentials.authenticate('alice', 'alice-pw');
    expect(identity(result)).toMatchObject({ kind: 'user', name: 'alice', isAdmin: false });
    expect(groupsOf(result)).toEqual(['ops', 'platform-devs']);
    const row = await fixture.users.findByName('alice');
    expect(row).toMatchObject({
      source: 'ldap',
      externalId: ldap.userDn('alice'),
      email: 'alice@example.org',
      passwordHash: null,
    });
    expect(row?.memberships.map((m) => m.source)).toEqual(['ldap', 'ldap']);
  });

  it('should refuse a wrong password, an unknown name, an empty password and a filter in the name', async () => {
    expect(failure(await credentials.authenticate('alice', 'wrong'))).toMatch(/refused the password/);
    expect(failure(await credentials.authenticate('nobody', 'x'))).toMatch(/no entry for nobody/);
    expect(failure(await credentials.authenticate('alice', ''))).toBe('empty password');
    expect(failure(await credentials.authenticate('*', 'alice-pw'))).toMatch(/no entry/);
    expect(failure(await credentials.authenticate('al*', 'alice-pw'))).toMatch(/no entry/);
  });

  it('should refuse an account the directory disabled, and take it back once enabled', async () => {
    await ldap.lock('bob');
    expect(failure(await credentials.authenticate('bob', 'bob-pw'))).toMatch(/refused the password/);
    await ldap.lock('bob', false);
    expect(identity(await credentials.authenticate('bob', 'bob-pw'))).toMatchObject({ name: 'bob' });
  });

  it("should follow the directory's groups at each sign-in and leave an administrator's memberships alone", async () => {
    await credentials.authenticate('alice', 'alice-pw');
    const groups = new GroupsRepository(fixture.prisma);
    const local = (await groups.create('auditors'))!;
    const alice = (await fixture.users.findByName('alice'))!;
    await fixture.users.update(alice.id, { groupIds: [local.id] });
    const kept = (await fixture.users.findByName('alice'))!.memberships.map((m) => `${m.group.name}:${m.source}`);
    expect(kept.sort()).toEqual(['auditors:local', 'ops:ldap', 'platform-devs:ldap']);
    await ldap.setGroup('ops', []);
    await ldap.setGroup('release', ['alice']);
    const result = await credentials.authenticate('alice', 'alice-pw');
    expect(groupsOf(result)).toEqual(['auditors', 'platform-devs', 'release']);
    const sources = (await fixture.users.findByName('alice'))!.memberships.map((m) => `${m.group.name}:${m.source}`);
    expect(sources.sort()).toEqual(['auditors:local', 'platform-devs:ldap', 'release:ldap']);
  });

  it('should read groups by search when told, keeping only those LDAP_GROUP_PATTERN names', async () => {
    const searching = fixture.credentialsWith({
      ...env,
      LDAP_GROUPS: 'search',
      LDAP_GROUP_PATTERN: 'Platform.*|release',
    }).credentials;
    expect(groupsOf(await searching.authenticate('alice', 'alice-pw'))).toEqual([
      'auditors',
      'platform-devs',
      'release',
    ]);
    await ldap.setGroup('ops', ['alice']);
    // ops is not in the pattern: not joined.
    expect(groupsOf(await searching.authenticate('alice', 'alice-pw'))).not.toContain('ops');
  });

  it('should keep a local account local when the directory has the same name', async () => {
    await fixture.users.create({ name: 'carol', passwordHash: await fixture.hasher.hash('local-pw') });
    await ldap.addUser({ uid: 'carol', password: 'directory-pw' });
    expect(identity(await credentials.authenticate('carol', 'local-pw'))).toMatchObject({ name: 'carol' });
    expect(failure(await credentials.authenticate('carol', 'directory-pw'))).toBe('wrong password for carol');
  });

  it('should disable, at the scheduled sync, an account the directory no longer has, and enable it again', async () => {
    const { credentials: synced, directory } = fixture.credentialsWith(env);
    await ldap.addUser({ uid: 'dave', password: 'dave-pw' });
    await ldap.setGroup('ops', ['alice', 'dave']);
    expect(identity(await synced.authenticate('dave', 'dave-pw'))).toBeDefined();
    await ldap.deleteUser('dave');
    await ldap.setGroup('ops', ['alice']);
    const report = await directory.syncAll();
    expect(report).toMatchObject({ disabled: 1 });
    expect(report!.checked).toBeGreaterThanOrEqual(3);
    expect(await fixture.users.findByName('dave')).toMatchObject({ sourceDisabled: true, disabled: false });
    expect(failure(await synced.authenticate('dave', 'dave-pw'))).toMatch(/disabled \(its ldap account is gone\)/);
    expect(await synced.activeUser((await fixture.users.findByName('dave'))!.id)).toBeNull();
    await ldap.addUser({ uid: 'dave', password: 'dave-pw' });
    await directory.syncAll();
    expect(await fixture.users.findByName('dave')).toMatchObject({ sourceDisabled: false });
    expect(identity(await synced.authenticate('dave', 'dave-pw'))).toMatchObject({ name: 'dave' });
    // Another replica's timer finds the sync just done, and leaves it for the next interval.
    const { directory: otherReplica } = fixture.credentialsWith(env);
    expect(await otherReplica.syncIfDue(3_600_000)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await otherReplica.syncIfDue(1)).toMatchObject({ disabled: 0 });
  });

  it("should stop a removed directory user's personal access token at its first use after LDAP_RECHECK_INTERVAL", async () => {
    const { credentials: rechecking } = fixture.credentialsWith({ ...env, LDAP_RECHECK_INTERVAL: '1' });
    await ldap.addUser({ uid: 'erin', password: 'erin-pw' });
    expect(identity(await rechecking.authenticate('erin', 'erin-pw'))).toBeDefined();
    const token = `pcp_${randomUUID()}`;
    await new AccessTokensRepository(fixture.prisma).create({
      id: randomUUID(),
      userId: (await fixture.users.findByName('erin'))!.id,
      name: 'ci',
      tokenHash: OpaqueToken.hash(token),
      readOnly: false,
      registries: [],
      expiresAt: null,
    });
    await fixture.generation.sync();
    expect(identity(await rechecking.authenticate('erin', token))).toMatchObject({ name: 'erin' });
    await ldap.deleteUser('erin');
    // Within the interval the directory's last answer stands; after it, it is asked again.
    expect(identity(await rechecking.authenticate('erin', token))).toMatchObject({ name: 'erin' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(failure(await rechecking.authenticate('erin', token))).toMatch(/gone from the directory/);
    expect(await fixture.users.findByName('erin')).toMatchObject({ sourceDisabled: true });
  });

  it('should fail fast while the directory does not answer, and answer from a login verified before', async () => {
    const { credentials: graced } = fixture.credentialsWith({ ...env, OUTAGE_GRACE: '300' });
    expect(identity(await graced.authenticate('alice', 'alice-pw'))).toBeDefined();
    ldap.pause();
    try {
      let started = performance.now();
      await expect(graced.authenticate('bob', 'bob-pw')).rejects.toBeInstanceOf(DirectoryUnavailable);
      const first = performance.now() - started;
      expect(first).toBeGreaterThanOrEqual(900);
      expect(first).toBeLessThan(3000);
      started = performance.now();
      await expect(graced.authenticate('bob', 'bob-pw')).rejects.toBeInstanceOf(DirectoryUnavailable);
      expect(performance.now() - started).toBeLessThan(200);
      expect(identity(await graced.authenticate('alice', 'alice-pw'))).toMatchObject({ name: 'alice' });
    } finally {
      ldap.resume();
    }
  });

  it('should answer a login verified within CREDENTIAL_CACHE_TTL without the directory, and lock out repeated failures', async () => {
    const { credentials: cached } = fixture.credentialsWith({
      ...env,
      CREDENTIAL_CACHE_TTL: '60',
      LOCKOUT_ACCOUNT_FAILURES: '2',
    });
    expect(identity(await cached.authenticate('alice', 'alice-pw'))).toBeDefined();
    expect(failure(await cached.authenticate('bob', 'wrong-1'))).toMatch(/refused the password/);
    expect(failure(await cached.authenticate('bob', 'wrong-2'))).toMatch(/refused the password/);
    ldap.pause();
    try {
      // Neither needs the directory: alice's login is cached, bob is locked out before it is asked.
      expect(identity(await cached.authenticate('alice', 'alice-pw'))).toMatchObject({ name: 'alice' });
      const locked = await cached.authenticate('bob', 'bob-pw');
      expect(failure(locked)).toMatch(/too many failed logins for bob/);
    } finally {
      ldap.resume();
    }
  });

  it('should drop a cached login the directory no longer accepts when verifying it ahead of its expiry', async () => {
    // A TTL of 4 s: a hit past 3 s asks the directory again in the background.
    const { credentials: cached } = fixture.credentialsWith({ ...env, CREDENTIAL_CACHE_TTL: '4' });
    await ldap.addUser({ uid: 'rita', password: 'rita-pw' });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const started = Date.now();
    expect(identity(await cached.authenticate('rita', 'rita-pw'))).toMatchObject({ name: 'rita' });
    await ldap.lock('rita');
    await sleep(3100 - (Date.now() - started));
    // Still answered from the cache (verified 3 s ago), and verified again behind it.
    expect(identity(await cached.authenticate('rita', 'rita-pw'))).toMatchObject({ name: 'rita' });
    await sleep(400);
    // Within the first TTL, yet refused: the directory's answer replaced the entry.
    expect(Date.now() - started).toBeLessThan(4000);
    expect(failure(await cached.authenticate('rita', 'rita-pw'))).toBeDefined();
  });

  it('should refuse to run with a bind password the directory refuses, as unavailable', async () => {
    const { credentials: misconfigured } = fixture.credentialsWith({ ...env, LDAP_BIND_PASSWORD: 'wrong' });
    await expect(misconfigured.authenticate('alice', 'alice-pw')).rejects.toBeInstanceOf(DirectoryUnavailable);
  });
});

describe('LDAP directory over TLS', () => {
  let db: TestDatabase;
  let ldap: LdapServer;
  let fixture: CredentialsFixture;
  let env: Record<string, string>;

  beforeAll(async () => {
    [db, ldap] = await Promise.all([createTestDatabase(), startLdap({ tls: true })]);
    await migrate(db.url, undefined, { log: () => undefined });
    fixture = await credentialsFixture(db.url);
    env = {
      LDAP_BASE_DN: ldap.baseDn,
      LDAP_BIND_DN: ldap.bindDn,
      LDAP_BIND_PASSWORD: ldap.bindPassword,
      LDAP_TIMEOUT: '2',
      CREDENTIAL_CACHE_TTL: '0',
    };
    await ldap.addUser({ uid: 'erin', password: 'erin-pw' });
  });

  afterAll(async () => {
    await fixture.close();
    await Promise.all([ldap.stop(), db.drop()]);
  });

  it('should sign in over LDAPS with the CA file', async () => {
    const { credentials } = fixture.credentialsWith({ ...env, LDAP_URL: ldap.ldapsUrl!, LDAP_CA_FILE: ldap.caFile! });
    expect(identity(await credentials.authenticate('erin', 'erin-pw'))).toMatchObject({ name: 'erin' });
  });

  it('should sign in over StartTLS with the CA file', async () => {
    const { credentials } = fixture.credentialsWith({
      ...env,
      LDAP_URL: ldap.url,
      LDAP_STARTTLS: 'true',
      LDAP_CA_FILE: ldap.caFile!,
    });
    expect(identity(await credentials.authenticate('erin', 'erin-pw'))).toMatchObject({ name: 'erin' });
  });

  it('should not trust a certificate its CA file does not sign', async () => {
    const { credentials } = fixture.credentialsWith({ ...env, LDAP_URL: ldap.ldapsUrl! });
    await expect(credentials.authenticate('erin', 'erin-pw')).rejects.toBeInstanceOf(DirectoryUnavailable);
    const { credentials: startTls } = fixture.credentialsWith({ ...env, LDAP_URL: ldap.url, LDAP_STARTTLS: 'true' });
    await expect(startTls.authenticate('erin', 'erin-pw')).rejects.toBeInstanceOf(DirectoryUnavailable);
  });
});

describe('LDAP directory searched anonymously', () => {
  let db: TestDatabase;
  let ldap: LdapServer;
  let fixture: CredentialsFixture;

  beforeAll(async () => {
    [db, ldap] = await Promise.all([createTestDatabase(), startLdap({ anonymousSearch: true })]);
    await migrate(db.url, undefined, { log: () => undefined });
    fixture = await credentialsFixture(db.url);
    await ldap.addUser({ uid: 'fay', password: 'fay-pw', mail: 'fay@example.org' });
    await ldap.setGroup('ops', ['fay']);
  });

  afterAll(async () => {
    await fixture.close();
    await Promise.all([ldap.stop(), db.drop()]);
  });

  it('should find and check a user without a bind DN, on connections reused between sign-ins', async () => {
    const { credentials } = fixture.credentialsWith({
      LDAP_URL: ldap.url,
      LDAP_BASE_DN: ldap.baseDn,
      LDAP_POOL_SIZE: '1',
      CREDENTIAL_CACHE_TTL: '0',
      LOCKOUT_ACCOUNT_FAILURES: '1000',
    });
    // One pooled connection: each sign-in binds it as the user, the next search drops that identity.
    for (let i = 0; i < 3; i++) {
      const result = await credentials.authenticate('fay', 'fay-pw');
      expect(groupsOf(result)).toEqual(['ops']);
      expect(failure(await credentials.authenticate('fay', 'wrong'))).toMatch(/refused the password/);
    }
  });
});
