import type { Identity } from '@portcullis/domain';
import { type AccessChanges, changesBetween, everything } from '../../cluster/access-changes';
import type { AccessGeneration } from '../../cluster/access-generation';
import { loadConfig } from '../../config/app-config';
import { Metrics } from '../../observability/metrics';
import { CredentialCache, subjectsOf } from './credential-cache';

const user = (id: number, groups: number[] = []): Identity => ({
  kind: 'user',
  id,
  name: `user-${id}`,
  isAdmin: false,
  privileges: [],
  groups: groups.map((g) => ({ id: g, name: `group-${g}` })),
});
const app = { id: 7, name: 'shop', publications: [], responsibles: [] };
const robot: Identity = { kind: 'robot', id: 3, name: 'ci', app, permissions: [] };

/** A cache over a generation that only relays the changes a test gives it. */
function cacheWithChanges(): { cache: CredentialCache; change: (changes: AccessChanges) => void } {
  let listener: (changes: AccessChanges) => void = () => undefined;
  const generation = {
    onChange: (l: (changes: AccessChanges) => void) => (listener = l),
  } as unknown as AccessGeneration;
  const cache = new CredentialCache(loadConfig({}), generation, new Metrics());
  return { cache, change: (changes) => listener(changes) };
}

/** One generation after `generation - 1` that touched these ids of this kind. */
const touched = (generation: number, kind: string, ids: number[]) =>
  changesBetween(BigInt(generation - 1), BigInt(generation), [{ generation: BigInt(generation), kind, ids }]);

describe(CredentialCache.name, () => {
  it('should drop only the logins of the users, groups and apps a change touched', () => {
    const { cache, change } = cacheWithChanges();
    cache.remember('user-1', 's1', { identity: user(1, [10]) }, 5n);
    cache.remember('user-2', 's2', { identity: user(2, [11]) }, 5n);
    cache.remember('robot/ci', 's3', { identity: robot }, 5n);

    change(touched(6, 'user', [2]));
    expect(cache.fresh('user-1', 's1')?.identity).toEqual(user(1, [10]));
    expect(cache.fresh('user-2', 's2')).toBeUndefined();
    expect(cache.fresh('robot/ci', 's3')?.identity).toEqual(robot);

    change(touched(7, 'group', [10]));
    expect(cache.fresh('user-1', 's1')).toBeUndefined();
    expect(cache.fresh('robot/ci', 's3')).toBeDefined();

    change(touched(8, 'app', [7]));
    expect(cache.fresh('robot/ci', 's3')).toBeUndefined();
  });

  it('should not keep a verification that began before a change to its identity', () => {
    const { cache, change } = cacheWithChanges();
    change(touched(6, 'user', [1]));
    // Checked while generation 5 was current: it may have read what generation 6 changed.
    cache.remember('user-1', 's1', { identity: user(1) }, 5n);
    expect(cache.fresh('user-1', 's1')).toBeUndefined();
    cache.remember('user-1', 's1', { identity: user(1) }, 6n);
    expect(cache.fresh('user-1', 's1')).toBeDefined();
    // Another identity's change says nothing of this one's.
    cache.remember('user-2', 's2', { identity: user(2) }, 5n);
    expect(cache.fresh('user-2', 's2')).toBeDefined();
  });

  it('should empty itself on a change for everyone, and keep nothing checked before it', () => {
    const { cache, change } = cacheWithChanges();
    cache.remember('user-1', 's1', { identity: user(1) }, 5n);
    cache.remember('robot/ci', 's3', { identity: robot }, 5n);
    change(everything(9n));
    expect(cache.fresh('user-1', 's1')).toBeUndefined();
    expect(cache.fresh('robot/ci', 's3')).toBeUndefined();
    cache.remember('user-2', 's2', { identity: user(2) }, 8n);
    expect(cache.fresh('user-2', 's2')).toBeUndefined();
    cache.remember('user-2', 's2', { identity: user(2) }, 9n);
    expect(cache.fresh('user-2', 's2')).toBeDefined();
  });

  it("should keep accounts that signed tokens name apart from logins, dropped by their identity's changes", () => {
    const { cache, change } = cacheWithChanges();
    cache.rememberAccount('user-1', user(1, [10]), 5n);
    expect(cache.knownAccount('user-1')).toEqual(user(1, [10]));
    // No login, with whatever secret, meets an account's entry.
    for (const secret of ['', 'account', 'account user-1']) expect(cache.fresh('user-1', secret)).toBeUndefined();
    expect(cache.fresh('account', 'user-1')).toBeUndefined();
    expect(cache.knownAccount('user-2')).toBeUndefined();
    change(touched(6, 'group', [10]));
    expect(cache.knownAccount('user-1')).toBeUndefined();
    // Read before the change: not kept.
    cache.rememberAccount('user-1', user(1, [10]), 5n);
    expect(cache.knownAccount('user-1')).toBeUndefined();
  });

  it('should name a login after its identity, groups and app', () => {
    expect(subjectsOf(user(1, [10, 11]))).toEqual(['user:1', 'group:10', 'group:11']);
    expect(subjectsOf(robot)).toEqual(['robot:3', 'app:7']);
    expect(subjectsOf({ kind: 'anonymous' })).toEqual([]);
  });
});
