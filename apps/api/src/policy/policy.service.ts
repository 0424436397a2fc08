import { Injectable } from '@nestjs/common';
import {
  type AccessGrant,
  type Identity,
  type OwnedNamespace,
  type RegistryAction,
  type RegistryPolicy,
  type ResourceScope,
  decideAccess,
  pullVerdictKey,
  searchNarrowing,
  unionOfNarrowings,
} from '@portcullis/domain';
import { AccessSnapshot, type PolicySnapshot } from './access-snapshot';

/**
 * Decides access with what `decideAccess` reads besides the asker: the registry's policy, and the
 * apps and custom rules of the policy snapshot (no database round trip).
 */
@Injectable()
export class PolicyService {
  constructor(private readonly snapshot: AccessSnapshot) {}

  /** The decision on `scopes`, exactly as a token carries it: the token endpoint, explain and every listing use it. */
  async decide(
    identity: Identity,
    registry: RegistryPolicy,
    scopes: readonly ResourceScope[],
    clientIp?: string,
  ): Promise<AccessGrant[]> {
    return this.decideIn(await this.snapshot.current(), identity, registry, scopes, clientIp);
  }

  /** `decide` with a snapshot the caller already holds (the token endpoint reads it once per token). */
  decideIn(
    snapshot: PolicySnapshot,
    identity: Identity,
    registry: RegistryPolicy,
    scopes: readonly ResourceScope[],
    clientIp?: string,
  ): AccessGrant[] {
    return decideAccess(
      identity,
      {
        registry,
        apps: (ref) => snapshot.apps(ref),
        rules: snapshot.rulesFor(identity, registry.service),
        ...(clientIp === undefined ? {} : { clientIp }),
      },
      scopes,
    );
  }

  /**
   * The decision on one action for each repository, exactly as a token for them would carry it
   * (one policy load for all of them).
   */
  async decideRepositories(
    identity: Identity,
    registry: RegistryPolicy,
    names: readonly string[],
    action: RegistryAction,
  ): Promise<Map<string, AccessGrant>> {
    const scopes: ResourceScope[] = [...new Set(names)].map((name) => ({
      type: 'repository',
      name,
      actions: [action],
    }));
    if (scopes.length === 0) return new Map();
    const grants = await this.decide(identity, registry, scopes);
    return new Map(grants.map((grant) => [grant.name, grant]));
  }

  /**
   * What a search over `registries` may skip in the database for this asker: the union of each
   * registry's searchNarrowing (a repository pullable in any of them stays).
   */
  async narrowingFor(
    identity: Identity,
    registries: readonly RegistryPolicy[],
  ): Promise<Map<OwnedNamespace, string[]>> {
    const snapshot = await this.snapshot.current();
    return unionOfNarrowings(
      registries.map((registry) =>
        searchNarrowing(identity, registry, snapshot.rulesFor(identity, registry.service), snapshot.appList),
      ),
    );
  }

  /**
   * The repositories among `names` that `identity` may pull: decided once per pullVerdictKey (a
   * listing of a thousand repositories in a few namespaces makes a few decisions).
   */
  async pullable(identity: Identity, registry: RegistryPolicy, names: readonly string[]): Promise<Set<string>> {
    const rules = (await this.snapshot.current()).rulesFor(identity, registry.service);
    const keyOf = new Map(names.map((name) => [name, pullVerdictKey(identity, registry, rules, name)]));
    const representatives = new Map<string, string>();
    for (const [name, key] of keyOf) if (!representatives.has(key)) representatives.set(key, name);
    const grants = await this.decideRepositories(identity, registry, [...representatives.values()], 'pull');
    const allowedKeys = new Set(
      [...representatives].filter(([, name]) => (grants.get(name)?.granted.length ?? 0) > 0).map(([key]) => key),
    );
    return new Set(names.filter((name) => allowedKeys.has(keyOf.get(name)!)));
  }

  /**
   * The items `identity` may see, in their order: those that name no repository, and those whose
   * repository, in one of `registries`, it may pull (one policy load per registry). Both searches
   * show only these.
   */
  async visible<T>(
    identity: Identity,
    registries: ReadonlyMap<number, RegistryPolicy>,
    items: readonly T[],
    repositoryOf: (item: T) => { registryId: number; name: string } | null,
  ): Promise<T[]> {
    const pullable = new Map<number, Set<string>>();
    for (const [id, registry] of registries) {
      const names = items.flatMap((item) => {
        const repository = repositoryOf(item);
        return repository?.registryId === id ? [repository.name] : [];
      });
      if (names.length > 0) pullable.set(id, await this.pullable(identity, registry, names));
    }
    return items.filter((item) => {
      const repository = repositoryOf(item);
      return repository === null || (pullable.get(repository.registryId)?.has(repository.name) ?? false);
    });
  }
}
