import { Injectable } from '@nestjs/common';
import type { AppPolicy, PolicyContext, RegistryPolicy, ResourceScope } from '@portcullis/domain';
import { AppsRepository, appPolicyOf } from './apps/apps.repository';
import { RulesService } from './rules/rules.service';

/** The `<ref>` of every `apps/<ref>/…` repository the scopes name. */
function appRefs(scopes: readonly ResourceScope[]): string[] {
  const refs = new Set<string>();
  for (const scope of scopes) {
    const [first, ref, ...rest] = scope.name.split('/');
    if (scope.type === 'repository' && first === 'apps' && ref !== undefined && rest.length >= 0) refs.add(ref);
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
}
