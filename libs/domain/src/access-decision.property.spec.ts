import fc from 'fast-check';
import {
  type CustomRule,
  type PolicyContext,
  type RegistryPolicy,
  decideAccess,
  rulesForAsker,
} from './access-decision';
import { type AppPolicy, type Identity, PRIVILEGES } from './identity';
import type { RegistryAction, ResourceScope } from './scope';
import { pullVerdictKey, searchNarrowing, withinNarrowing } from './search-narrowing';

/**
 * Properties of the evaluator over random identities, registries, rules, paths and scopes: what
 * holds for every input, not only for the rule book's rows (libs/testing/src/policy-table.ts).
 */

const NAMES = ['alice', 'bob', 'web', 'ci', 'shop', 'blog', 'dev', 'ops'] as const;
const ACTIONS: RegistryAction[] = ['pull', 'push', 'delete', '*'];

const name = fc.constantFrom(...NAMES);
const groupIds = fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 3 });
const app: fc.Arbitrary<AppPolicy> = fc.record({
  id: fc.integer({ min: 1, max: 3 }),
  name,
  publications: groupIds,
  responsibles: groupIds,
});
const pattern = fc.constantFrom(
  '**',
  'apps/**',
  'apps/*/web',
  'users/${account}/**',
  'library/*',
  '/^groups/.*$/',
  'x',
);

const identity: fc.Arbitrary<Identity> = fc.oneof(
  fc.constant<Identity>({ kind: 'anonymous' }),
  fc.record({
    kind: fc.constant('user' as const),
    id: fc.integer({ min: 1, max: 5 }),
    name,
    isAdmin: fc.boolean(),
    privileges: fc.subarray([...PRIVILEGES]),
    groups: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 4 }), name }), {
      maxLength: 3,
      selector: (g) => g.id,
    }),
    token: fc.option(
      fc.record({
        id: fc.constant('00000000-0000-4000-8000-000000000000'),
        name: fc.constant('pat'),
        readOnly: fc.boolean(),
        registries: fc.option(fc.subarray(['r.test', 'other.test']), { nil: null }),
        expiresAt: fc.constant(null),
      }),
      { nil: undefined },
    ),
  }),
  fc.record({ kind: fc.constant('service' as const), id: fc.integer({ min: 1, max: 3 }), name, app }),
  fc.record({
    kind: fc.constant('robot' as const),
    id: fc.integer({ min: 1, max: 3 }),
    name,
    app,
    permissions: fc.array(fc.record({ repositories: pattern, actions: fc.subarray(ACTIONS, { minLength: 1 }) }), {
      maxLength: 2,
    }),
  }),
);

const registry: fc.Arbitrary<RegistryPolicy> = fc.record({
  service: fc.constant('r.test'),
  restricted: fc.boolean(),
  publications: groupIds,
  responsibles: groupIds,
  anonymousPull: fc.array(pattern, { maxLength: 2 }),
});

const rule: fc.Arbitrary<CustomRule> = fc.record({
  id: fc.integer({ min: 1, max: 1000 }),
  match: fc.record(
    {
      account: fc.constantFrom('alice', 'robot/*', '*', '/^$/', '${group}'),
      name: pattern,
      kind: fc.constantFrom('user', 'robot', 'anonymous'),
      group: fc.constantFrom('dev', 'd*', '${account}'),
      service: fc.constantFrom('r.test', '*.test', 'other'),
    },
    { requiredKeys: [] },
  ),
  actions: fc.subarray(ACTIONS),
});

const repositoryName = fc
  .tuple(fc.constantFrom('apps', 'users', 'groups', 'library', 'other'), name, fc.constantFrom('', '/web', '/a/b'))
  .map(([first, second, rest]) => `${first}/${second}${rest}`);
const scope: fc.Arbitrary<ResourceScope> = fc.oneof(
  fc.record({
    type: fc.constant('repository'),
    name: repositoryName,
    actions: fc.uniqueArray(fc.constantFrom('pull', 'push', 'delete', '*', 'bogus'), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ type: fc.constant('registry'), name: fc.constant('catalog'), actions: fc.constant(['*']) }),
);

const contextOf = (registry: RegistryPolicy, apps: AppPolicy[], rules: CustomRule[]): PolicyContext => ({
  registry,
  apps: (ref) => apps.filter((a) => a.name === ref || String(a.id) === ref),
  rules,
});

const input = fc.record({
  identity,
  registry,
  apps: fc.array(app, { maxLength: 3 }),
  rules: fc.array(rule, { maxLength: 3 }),
  scopes: fc.array(scope, { minLength: 1, maxLength: 3 }),
});

/** Repository paths whose second segment names objects by name or by id. */
const pathOf = fc
  .tuple(
    fc.constantFrom('apps', 'users', 'groups', 'library', 'other'),
    fc.oneof(name, fc.integer({ min: 1, max: 5 }).map(String)),
    fc.constantFrom('', '/web', '/a/b'),
  )
  .map(([first, second, rest]) => `${first}/${second}${rest}`);

const isAdmin = (identity: Identity) => identity.kind === 'user' && identity.isAdmin;

describe('decideAccess, for any input', () => {
  it('should grant only what was requested (a requested "*" standing for every action), each with a decision', () => {
    fc.assert(
      fc.property(input, ({ identity, registry, apps, rules, scopes }) => {
        const grants = decideAccess(identity, contextOf(registry, apps, rules), scopes);
        expect(grants).toHaveLength(scopes.length);
        grants.forEach((grant, i) => {
          const asked = scopes[i]!;
          const askable = asked.actions.includes('*') ? [...asked.actions, 'pull', 'push', 'delete'] : asked.actions;
          expect(grant.name).toBe(asked.name);
          for (const action of grant.granted) {
            expect(askable).toContain(action);
            // Granted by a decision that says so, with its clause.
            if (action !== '*')
              expect(grant.decisions).toContainEqual(expect.objectContaining({ action, granted: true }));
          }
          for (const decision of grant.decisions) expect(askable).toContain(decision.action);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('should decide the same with only the rules that can fit the asker (rulesForAsker)', () => {
    fc.assert(
      fc.property(input, fc.array(rule, { maxLength: 6 }), ({ identity, registry, apps, scopes }, rules) => {
        const all = contextOf(registry, apps, rules);
        const fitting = contextOf(registry, apps, rulesForAsker(rules, identity, registry.service));
        expect(decideAccess(identity, fitting, scopes)).toEqual(decideAccess(identity, all, scopes));
      }),
      { numRuns: 500 },
    );
  });

  it('should find the same rules from what fitted before a change as from scratch (rulesForAsker earlier)', () => {
    const change = fc.record({
      kept: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      added: fc.array(rule, { maxLength: 4 }),
      order: fc.array(fc.nat(), { minLength: 10, maxLength: 10 }),
    });
    fc.assert(
      fc.property(identity, fc.array(rule, { maxLength: 6 }), change, (asker, before, { kept, added, order }) => {
        // The snapshot keeps an unchanged rule's object and makes new ones for rules a change touched.
        const after = [...before.filter((_, i) => kept[i]), ...added]
          .map((r, i) => ({ r, key: order[i % order.length]! }))
          .sort((a, b) => a.key - b.key)
          .map(({ r }) => r);
        const earlier = { rules: new Set(before), fitting: rulesForAsker(before, asker, 'r.test') };
        expect(rulesForAsker(after, asker, 'r.test', earlier)).toEqual(rulesForAsker(after, asker, 'r.test'));
      }),
      { numRuns: 500 },
    );
  });

  it('should decide the same way every time', () => {
    fc.assert(
      fc.property(input, ({ identity, registry, apps, rules, scopes }) => {
        const context = contextOf(registry, apps, rules);
        expect(decideAccess(identity, context, scopes)).toEqual(decideAccess(identity, context, scopes));
      }),
      { numRuns: 200 },
    );
  });

  it('should deny by default: anonymous gets nothing without public paths or rules', () => {
    fc.assert(
      fc.property(registry, fc.array(scope, { minLength: 1, maxLength: 3 }), (policy, scopes) => {
        const grants = decideAccess({ kind: 'anonymous' }, contextOf({ ...policy, anonymousPull: [] }, [], []), scopes);
        for (const grant of grants) expect(grant.granted).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('should never let a deny rule in front widen what anyone but an admin gets', () => {
    fc.assert(
      fc.property(input, fc.constantFrom<RuleMatchShape>({ name: '**' }, { account: '*' }, {}), (given, match) => {
        fc.pre(!isAdmin(given.identity));
        const context = contextOf(given.registry, given.apps, given.rules);
        const denied = contextOf(given.registry, given.apps, [{ id: 0, match, actions: [] }, ...given.rules]);
        const before = decideAccess(given.identity, context, given.scopes);
        const after = decideAccess(given.identity, denied, given.scopes);
        after.forEach((grant, i) => {
          for (const action of grant.granted) expect(before[i]!.granted).toContain(action);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('should keep a read-only personal token to pulls and catalog listing, within what its user gets', () => {
    fc.assert(
      fc.property(input, (given) => {
        fc.pre(given.identity.kind === 'user');
        const user = given.identity;
        const context = contextOf(given.registry, given.apps, given.rules);
        const withoutToken = decideAccess({ ...user, token: undefined }, context, given.scopes);
        const readOnly = decideAccess(
          { ...user, token: { id: 't', name: 'pat', readOnly: true, registries: null, expiresAt: null } },
          context,
          given.scopes,
        );
        readOnly.forEach((grant, i) => {
          for (const action of grant.granted) {
            if (grant.type === 'repository') {
              expect(action).toBe('pull');
              expect(withoutToken[i]!.granted.some((a) => a === 'pull' || a === '*')).toBe(true);
            } else {
              // Listing the catalog is reading: the token gets it only where its user does.
              expect(withoutToken[i]!.granted).toContain(action);
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('should never narrow a search away from a repository the asker may pull (searchNarrowing)', () => {
    fc.assert(
      fc.property(input, pathOf, ({ identity, registry, apps, rules }, path) => {
        const narrowing = searchNarrowing(identity, registry, rulesForAsker(rules, identity, registry.service), apps);
        if (withinNarrowing(narrowing, path)) return;
        const [grant] = decideAccess(identity, contextOf(registry, apps, rules), [
          { type: 'repository', name: path, actions: ['pull'] },
        ]);
        expect(grant!.granted).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('should give repositories with the same pullVerdictKey the same pull verdict', () => {
    fc.assert(
      fc.property(input, pathOf, pathOf, ({ identity, registry, apps, rules }, a, b) => {
        const asker = rulesForAsker(rules, identity, registry.service);
        fc.pre(pullVerdictKey(identity, registry, asker, a) === pullVerdictKey(identity, registry, asker, b));
        const [first, second] = decideAccess(identity, contextOf(registry, apps, rules), [
          { type: 'repository', name: a, actions: ['pull'] },
          { type: 'repository', name: b, actions: ['pull'] },
        ]);
        expect(first!.granted).toEqual(second!.granted);
      }),
      { numRuns: 2000 },
    );
  });
});

type RuleMatchShape = CustomRule['match'];
