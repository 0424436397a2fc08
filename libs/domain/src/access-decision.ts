import type { Identity } from './identity';
import type { RegistryAction, ResourceScope } from './scope';

/** The registry a token is for, as far as the decision needs it. */
export interface RegistryContext {
  readonly service: string;
}

/** One access entry of a token, with the clause that decided it (for the audit log and "explain"). */
export interface AccessGrant {
  readonly type: string;
  readonly class?: string;
  readonly name: string;
  readonly requested: readonly RegistryAction[];
  readonly granted: readonly RegistryAction[];
  readonly clause: string;
}

/**
 * Intersection of requested and allowed actions (token.md: "grant the intersection"). `*` in the
 * allowed set allows everything; a requested `*` is granted as `*` only when everything is allowed,
 * otherwise as the allowed concrete actions (the registry's `contains` treats them alike).
 */
export function intersectActions(
  requested: readonly RegistryAction[],
  allowed: readonly RegistryAction[],
): RegistryAction[] {
  if (allowed.includes('*')) return [...requested];
  const granted: RegistryAction[] = [];
  for (const action of requested) {
    if (action === '*') {
      for (const a of allowed) if (!granted.includes(a)) granted.push(a);
    } else if (allowed.includes(action) && !granted.includes(action)) {
      granted.push(action);
    }
  }
  return granted;
}

/**
 * Decides what a token grants: one pure function of (identity, registry, requested scopes), shared
 * by the token endpoint, the API and the console's simulator. This first version implements the
 * admin bypass of docs/access-policy.md and denies everything else; the path policies, robots,
 * tokens and custom rules extend it without changing its signature.
 */
export function decideAccess(
  identity: Identity,
  registry: RegistryContext,
  requested: readonly ResourceScope[],
): AccessGrant[] {
  return requested.map((scope) => {
    const base = {
      type: scope.type,
      ...(scope.class === undefined ? {} : { class: scope.class }),
      name: scope.name,
      requested: scope.actions,
    };
    if (identity.kind === 'user' && identity.isAdmin) {
      return { ...base, granted: intersectActions(scope.actions, ['*']), clause: 'admin' };
    }
    return { ...base, granted: [], clause: `default deny on ${registry.service}` };
  });
}
