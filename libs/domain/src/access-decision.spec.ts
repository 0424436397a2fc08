import { decideAccess, intersectActions } from './access-decision';
import { ANONYMOUS, UserIdentity } from './identity';
import { parseScopes } from './scope';

const admin: UserIdentity = { kind: 'user', id: 1, name: 'admin', isAdmin: true };
const alice: UserIdentity = { kind: 'user', id: 2, name: 'alice', isAdmin: false };
const registry = { service: 'registry.test' };

describe('intersectActions', () => {
  it.each([
    [['pull'], ['pull', 'push'], ['pull']],
    [['pull', 'push'], ['pull'], ['pull']],
    [['push'], [], []],
    [['pull', 'push'], ['*'], ['pull', 'push']],
    [['*'], ['*'], ['*']],
    [['*'], ['pull', 'delete'], ['pull', 'delete']],
    [['delete'], ['pull', 'push'], []],
  ])('should grant %j ∩ %j = %j', (requested, allowed, expected) => {
    expect(intersectActions(requested, allowed)).toEqual(expected);
  });
});

describe('decideAccess', () => {
  const requested = parseScopes(['repository:users/alice/x:pull,push', 'registry:catalog:*', 'repository:a:*']);

  it('should grant an admin everything requested', () => {
    expect(decideAccess(admin, registry, requested).map((g) => g.granted)).toEqual([['pull', 'push'], ['*'], ['*']]);
  });

  it.each([
    ['anonymous', ANONYMOUS],
    ['a user who is not an admin', alice],
  ])('should grant %s nothing yet', (_, identity) => {
    const grants = decideAccess(identity, registry, requested);
    expect(grants.map((g) => g.granted)).toEqual([[], [], []]);
    expect(grants.map((g) => g.requested)).toEqual([['pull', 'push'], ['*'], ['*']]);
  });

  it('should name the deciding clause', () => {
    expect(decideAccess(admin, registry, requested)[0]?.clause).toBe('admin');
    expect(decideAccess(alice, registry, requested)[0]?.clause).toMatch(/deny/);
  });
});
