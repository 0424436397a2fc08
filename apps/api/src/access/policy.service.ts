import { Injectable } from '@nestjs/common';
import {
  type AccessGrant,
  type AppPolicy,
  type Identity,
  type PolicyContext,
  type RegistryAction,
  type RegistryPolicy,
  type ResourceScope,
  decideAccess,
} from '@portcullis/domain';
import { AppsRepository, appPolicyOf } from './apps/apps.repository';
import { RulesService } from './rules/rules.service';

/** The `<ref>` of every `apps/<ref>/…` repository the scopes name. */
function appRefs(scopes: readonly ResourceScope[]): string[] {
  const refs = new Set<string>();
  for (const scope of scopes) {
    const [first, ref] = scope.name.split('/');
    if (scope.type === 'repository' && first === 'apps' && ref !== undefined) refs.add(ref);
  }
  return [...refs];
}

/**
 * Gathers what `decideAccess` reads besides the asker: the registry's policy, the apps the scopes
 * name (one query, only when an `apps/` path is asked for) and the custom rules in force.
 */
@Injectable()
export class PolicyService {
  constructor(
    private readonly apps: AppsRepository,
    private readonly rules: RulesService,
  ) {}

  /** The decision on `scopes`, exactly as a token carries it: the token endpoint, explain and every listing use it. */
  async decide(
    identity: Identity,
    registry: RegistryPolicy,
    scopes: readonly ResourceScope[],
    clientIp?: string,
  ): Promise<AccessGrant[]> {
    return decideAccess(identity, await this.contextFor(registry, scopes, clientIp), scopes);
  }

  private async contextFor(
    registry: RegistryPolicy,
    scopes: readonly ResourceScope[],
    clientIp?: string,
  ): Promise<PolicyContext> {
    const refs = appRefs(scopes);
    const [appRows, rules] = await Promise.all([this.apps.findByRefs(refs), this.rules.current()]);
    const apps: AppPolicy[] = appRows.map(appPolicyOf);
    return {
      registry,
      apps: (ref) => apps.filter((a) => a.name === ref || String(a.id) === ref),
      rules,
      ...(clientIp === undefined ? {} : { clientIp }),
    };
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

  /** The repositories among `names` that `identity` may pull. */
  async pullable(identity: Identity, registry: RegistryPolicy, names: readonly string[]): Promise<Set<string>> {
    const grants = await this.decideRepositories(identity, registry, names, 'pull');
    return new Set([...grants.values()].filter((g) => g.granted.length > 0).map((g) => g.name));
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
