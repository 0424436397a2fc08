import type { TestingModule } from '@nestjs/testing';
import type { Identity, RegistryPolicy } from '@portcullis/domain';
import { TestDatabase, createTestDatabase } from '@portcullis/testing';
import { AccessGeneration } from '../cluster/access-generation';
import { CredentialsService } from '../identity/credentials/credentials.service';
import { GroupsService } from '../identity/groups/groups.service';
import { UsersService } from '../identity/users/users.service';
import { RegistriesRepository } from '../registries/registries.repository';
import { serviceTestingModule } from '../testing-module';
import { AccessSnapshot } from './access-snapshot';
import { PolicyModule } from './policy.module';
import { PolicyService } from './policy.service';
import { RulesRepository } from './rules/rules.repository';
import { RulesService } from './rules/rules.service';

/** PolicyService and its snapshot, on a real database: what they keep, and when they let it go. */
describe(PolicyService.name, () => {
  let db: TestDatabase;
  let module: TestingModule;
  let policy: PolicyService;
  let snapshot: AccessSnapshot;
  let generation: AccessGeneration;
  let rules: RulesService;
  let alice: Identity;
  let bob: Identity;
  let registry: RegistryPolicy;
  let changes = 0;

  /** After a write, as the API does (ChangeSyncInterceptor): this replica learns the new generation. */
  const changed = () => generation.changedHere();
  /** A change of the policy: a rule that fits no one here. */
  const change = async () => {
    await rules.create({ match: { account: `nobody-${++changes}` }, actions: ['pull'] });
    await changed();
  };
  /** A change the generation counts that leaves the policy as it is: a new group. */
  const unrelatedChange = async () => {
    await module.get(GroupsService, { strict: false }).create({ name: `unrelated-${++changes}` });
    await changed();
  };
  const signIn = async (name: string) => {
    const signedIn = await module.get(CredentialsService, { strict: false }).authenticate(name, `${name}-password`);
    if (!('identity' in signedIn)) throw new Error(`${name} cannot sign in`);
    return signedIn.identity;
  };
  const pushOn = async (name: string) =>
    (await policy.decide(alice, registry, [{ type: 'repository', name, actions: ['push'] }]))[0]!.granted;

  beforeAll(async () => {
    db = await createTestDatabase();
    module = await serviceTestingModule(db.url, [PolicyModule]);
    policy = module.get(PolicyService);
    snapshot = module.get(AccessSnapshot);
    generation = module.get(AccessGeneration);
    rules = module.get(RulesService);
    const readers = await module.get(GroupsService, { strict: false }).create({ name: 'readers' });
    const users = module.get(UsersService, { strict: false });
    await users.create({ name: 'alice', password: 'alice-password' });
    await users.create({
      name: 'bob',
      password: 'bob-password',
      privileges: ['DockerRegistriesPuller'],
      groups: ['readers'],
    });
    await module.get(RegistriesRepository, { strict: false }).create({
      service: 'p.test',
      url: 'http://127.0.0.1:9',
      publicationIds: [readers.id],
    });
    await changed();
    [alice, bob] = [await signIn('alice'), await signIn('bob')];
    registry = (await snapshot.current()).registries.get('p.test')!.policy;
  });

  afterAll(async () => {
    await module?.close();
    await db?.drop();
  });

  afterEach(() => jest.restoreAllMocks());

  it('should keep the snapshot through changes that touch no registry, app or rule', async () => {
    const before = await snapshot.current();
    const list = jest.spyOn(module.get(RulesRepository), 'list');
    const generationBefore = generation.current()!;
    await unrelatedChange();
    expect(generation.current()).toBeGreaterThan(generationBefore);
    expect(await snapshot.current()).toBe(before);
    expect(list).not.toHaveBeenCalled();
  });

  it('should load the snapshot once per policy change, concurrent callers sharing the load', async () => {
    await change();
    const list = jest.spyOn(module.get(RulesRepository), 'list');
    const [first, second] = await Promise.all([snapshot.current(), snapshot.current()]);
    expect(second).toBe(first);
    expect(await snapshot.current()).toBe(first);
    expect(list).toHaveBeenCalledTimes(1);
    expect(first.generation).toBe(generation.current());
  });

  it('should apply a change of one rule by reading that rule alone, in its place among the others', async () => {
    const first = await rules.create({ match: { account: 'first-of-three' }, actions: ['pull'] });
    const middle = await rules.create({ match: { account: 'middle-of-three' }, actions: ['pull'] });
    const last = await rules.create({ match: { account: 'last-of-three' }, actions: ['pull'] });
    await changed();
    const before = await snapshot.current();
    const list = jest.spyOn(module.get(RulesRepository), 'list');
    await rules.update(middle.id, { actions: ['pull', 'push'] });
    await changed();
    const after = await snapshot.current();
    expect(list.mock.calls).toEqual([[[middle.id]]]);
    const ids = after.rules.map((r) => r.id);
    expect(ids).toEqual(before.rules.map((r) => r.id));
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(middle.id));
    expect(ids.indexOf(middle.id)).toBeLessThan(ids.indexOf(last.id));
    expect(after.rules.find((r) => r.id === middle.id)?.actions).toEqual(['pull', 'push']);
    await rules.delete(middle.id);
    await changed();
    expect((await snapshot.current()).rules.map((r) => r.id)).toEqual(ids.filter((id) => id !== middle.id));
  });

  it('should decide with a rule from the next generation on', async () => {
    expect(await pushOn('library/tools')).toEqual([]);
    const before = await snapshot.current();
    await rules.create({ match: { account: 'alice', name: 'library/*' }, actions: ['pull', 'push'] });
    // The write moves the generation (a trigger); this replica learns it at once here, as after
    // an API change, or from the database's notification, whichever comes first.
    await changed();
    const after = await snapshot.current();
    expect(after).not.toBe(before);
    expect(after.generation).toBeGreaterThan(before.generation);
    expect(await pushOn('library/tools')).toEqual(['push']);
  });

  it("should keep each asker's fitting rules for the snapshot, per registry", async () => {
    const current = await snapshot.current();
    const fitting = current.rulesFor(alice, 'p.test');
    expect(fitting.length).toBeGreaterThan(0);
    expect(current.rulesFor(alice, 'p.test')).toBe(fitting);
    expect(current.rulesFor(alice, 'other.test')).not.toBe(fitting);
    await change();
    expect((await snapshot.current()).rulesFor(alice, 'p.test')).not.toBe(fitting);
  });

  it("should carry an asker's fitting rules through rule changes: added, edited away, edited in, deleted", async () => {
    const fittingIds = async () => (await snapshot.current()).rulesFor(alice, 'p.test').map((r) => r.id);
    const ids = async () => (await snapshot.current()).rules.map((r) => r.id);
    const before = await fittingIds();
    const added = await rules.create({ match: { account: 'al*' }, actions: ['pull'] });
    await changed();
    expect(await fittingIds()).toEqual((await ids()).filter((id) => [...before, added.id].includes(id)));
    await rules.update(added.id, { match: { account: 'carol' } });
    await changed();
    expect(await fittingIds()).toEqual(before);
    await rules.update(added.id, { match: { account: 'alice', service: '*.test' } });
    await unrelatedChange();
    await changed();
    expect(await fittingIds()).toEqual((await ids()).filter((id) => [...before, added.id].includes(id)));
    expect((await snapshot.current()).rulesFor(alice, 'p.test').find((r) => r.id === added.id)?.match).toEqual({
      account: 'alice',
      service: '*.test',
    });
    await rules.delete(added.id);
    await changed();
    expect(await fittingIds()).toEqual(before);
  });

  it('should decide a listing once per namespace verdict when no rule looks at whole names', async () => {
    const decide = jest.spyOn(policy, 'decide');
    const names = Array.from({ length: 300 }, (_, i) => `users/bob/tool-${i}`);
    const pullable = await policy.pullable(bob, registry, [...names, 'groups/ops/secret', 'groups/ops/other']);
    expect([...pullable].sort()).toEqual([...names].sort());
    expect(decide).toHaveBeenCalledTimes(1);
    expect(decide.mock.calls[0]![2].map((scope) => scope.name)).toEqual(['users/bob/tool-0', 'groups/ops/secret']);
    // A rule that fits the asker may look at whole names: then each name is decided.
    decide.mockClear();
    await policy.pullable(alice, registry, names.slice(0, 5));
    expect(decide.mock.calls[0]![2]).toHaveLength(5);
  });
});
