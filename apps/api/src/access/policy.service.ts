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

  async contextFor(
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
   * (one policy load for all of them). The catalog, both searches and the repository pages use it.
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
    const grants = decideAccess(identity, await this.contextFor(registry, scopes), scopes);
    return new Map(grants.map((grant) => [grant.name, grant]));
  }

  /** The repositories among `names` that `identity` may pull. */
  async pullable(identity: Identity, registry: RegistryPolicy, names: readonly string[]): Promise<Set<string>> {
    const grants = await this.decideRepositories(identity, registry, names, 'pull');
    return new Set([...grants.values()].filter((g) => g.granted.length > 0).map((g) => g.name));
  }
}
