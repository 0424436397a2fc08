import ipaddr from 'ipaddr.js';
import {
  AppPolicy,
  GroupRef,
  Identity,
  Privilege,
  RobotIdentity,
  ServiceIdentity,
  UserIdentity,
  inAnyGroup,
  loginNameOf,
} from './identity';
import { type CompiledPattern, type PatternContext, compilePattern, matchesPattern } from './pattern';
import type { RegistryAction, ResourceScope } from './scope';

/**
 * The access policy of docs/access-policy.md as one pure function: the token endpoint, the explain
 * endpoint, search and the console all call `decideAccess`, so they cannot disagree.
 */

/** What the policy needs of a registry. */
export interface RegistryPolicy {
  readonly service: string;
  readonly restricted: boolean;
  /** Group ids. */
  readonly publications: readonly number[];
  /** Group ids. */
  readonly responsibles: readonly number[];
  /** Patterns of repositories everyone may pull, signed in or not. */
  readonly anonymousPull: readonly string[];
  /**
   * Runs behind the front Portcullis provisions, its own API on loopback only: its catalog is
   * answered by Portcullis with what each asker may pull, so `registry:catalog:*` is everyone's.
   * Absent: not fronted.
   */
  readonly fronted?: boolean;
}

/**
 * Whether an identity is of the registry's audience: a user in one of its publication or
 * responsible groups, a service or robot whose app shares one of those groups, and anonymous. A
 * registry's responsibles may look into these (explain), and no one else's.
 */
export function concernsRegistry(identity: Identity, registry: RegistryPolicy): boolean {
  const groups = [...registry.publications, ...registry.responsibles];
  switch (identity.kind) {
    case 'anonymous':
      return true;
    case 'user':
      return inAnyGroup(identity, groups);
    case 'service':
    case 'robot':
      return [...identity.app.publications, ...identity.app.responsibles].some((id) => groups.includes(id));
  }
}

export const IDENTITY_KINDS = ['user', 'service', 'robot', 'anonymous'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** The `match` of a custom rule: every field optional, all present ones must fit. */
export interface RuleMatch {
  /** Pattern over the login name (`alice`, `service/web1`, `robot/ci`, `""` for anonymous). */
  readonly account?: string;
  readonly kind?: IdentityKind;
  /** Pattern over the resource type (`repository`, `registry`). */
  readonly type?: string;
  /** Pattern over the resource name. */
  readonly name?: string;
  /** Pattern over the registry service. */
  readonly service?: string;
  /** An address or CIDR range. */
  readonly ip?: string;
  /** Pattern over each of the asker's group names. */
  readonly group?: string;
}

/** A docker_auth-style rule, evaluated before the path policies; the first that fits decides. */
export interface CustomRule {
  readonly id: number;
  readonly match: RuleMatch;
  /** Granted actions: `["*"]` everything requested, `[]` an explicit deny. */
  readonly actions: readonly RegistryAction[];
  readonly comment?: string | null;
}

/** Everything the decision reads besides the asker and the scopes. */
export interface PolicyContext {
  readonly registry: RegistryPolicy;
  /** The apps `apps/<ref>/` names: by id or by name (an all-digit name may give two). */
  readonly apps: (ref: string) => readonly AppPolicy[];
  /** Custom rules, in order. */
  readonly rules: readonly CustomRule[];
  /** The asker's address, for rules with `ip`. */
  readonly clientIp?: string;
}

/** Why one requested action was granted or refused. */
export interface ActionDecision {
  readonly action: RegistryAction;
  readonly granted: boolean;
  readonly clause: string;
}

/** One access entry of a token, with the reasons behind it (for the audit log and "explain"). */
export interface AccessGrant {
  readonly type: string;
  readonly class?: string;
  readonly name: string;
  readonly requested: readonly RegistryAction[];
  readonly granted: readonly RegistryAction[];
  /** The reason, for people: the deciding clauses, joined. */
  readonly clause: string;
  readonly decisions: readonly ActionDecision[];
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

interface Verdict {
  readonly granted: boolean;
  readonly clause: string;
}

/** Answers for one resource: a verdict per concrete action, or everything at once (`all`). */
interface Decider {
  readonly all?: Verdict;
  verdict(action: RegistryAction): Verdict;
}

const REPOSITORY_ACTIONS: readonly RegistryAction[] = ['pull', 'push', 'delete'];

const yes = (clause: string): Verdict => ({ granted: true, clause });
const no = (clause: string): Verdict => ({ granted: false, clause });

/** Group names shown in a clause at most: the clause is read by people and kept with each token. */
const GROUPS_SHOWN = 3;

/** The asker's groups among `ids`, for a clause: the first few by name, then how many more. */
function groupsText(ids: readonly number[], groups: readonly GroupRef[]): string {
  const names: string[] = [];
  let more = 0;
  for (const group of groups) {
    if (!ids.includes(group.id)) continue;
    if (names.length < GROUPS_SHOWN) names.push(group.name);
    else more += 1;
  }
  return more === 0 ? names.join(', ') : `${names.join(', ')} and ${more} more`;
}

// --- custom rules -----------------------------------------------------------------------------

function ipMatches(range: string, address: string | undefined): boolean {
  if (address === undefined || !ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  try {
    const [network, bits] = range.includes('/') ? ipaddr.parseCIDR(range) : [ipaddr.parse(range), -1];
    if (network.kind() !== ip.kind()) return false;
    if (bits < 0) return network.toNormalizedString() === ip.toNormalizedString();
    return ip.match(network, bits);
  } catch {
    return false;
  }
}

/** The placeholder values of the asker's rule patterns: computed once per decision, not per rule. */
function patternContextOf(identity: Identity, context: Pick<PolicyContext, 'registry'>): PatternContext {
  const groups = identity.kind === 'user' ? identity.groups.map((g) => g.name) : [];
  return { account: loginNameOf(identity), service: context.registry.service, groups };
}

/** A rule's patterns, compiled. */
interface CompiledMatch {
  readonly account?: CompiledPattern;
  readonly type?: CompiledPattern;
  readonly name?: CompiledPattern;
  readonly service?: CompiledPattern;
  readonly group?: CompiledPattern;
}

const PATTERN_FIELDS = ['account', 'type', 'name', 'service', 'group'] as const;

/**
 * Each rule's compiled patterns, kept for as long as the rule object lives: the policy snapshot
 * keeps a rule's object until the rule changes, so a pattern is compiled once, not again after
 * every change of the policy, however many rules there are.
 */
const compiledMatches = new WeakMap<CustomRule, CompiledMatch>();
function compiledMatchOf(rule: CustomRule): CompiledMatch {
  let compiledMatch = compiledMatches.get(rule);
  if (compiledMatch === undefined) {
    const fields: Partial<Record<(typeof PATTERN_FIELDS)[number], CompiledPattern>> = {};
    for (const field of PATTERN_FIELDS) {
      const pattern = rule.match[field];
      if (pattern !== undefined) fields[field] = compilePattern(pattern);
    }
    compiledMatch = fields;
    compiledMatches.set(rule, compiledMatch);
  }
  return compiledMatch;
}

/** Whether a rule's kind, account, group and service criteria fit the asker (what it asks aside). */
function fitsAsker(
  rule: CustomRule,
  kind: IdentityKind,
  patterns: PatternContext,
  match = compiledMatchOf(rule),
): boolean {
  if (rule.match.kind !== undefined && rule.match.kind !== kind) return false;
  if (match.account !== undefined && !match.account.matches(patterns.account, patterns)) return false;
  if (match.service !== undefined && !match.service.matches(patterns.service, patterns)) return false;
  if (match.group !== undefined && !patterns.groups.some((g) => match.group!.matches(g, patterns))) return false;
  return true;
}

/** What rulesForAsker found for the same asker over an earlier list of rules. */
export interface EarlierFit {
  /** The earlier list's rules (the same objects where a rule did not change). */
  readonly rules: ReadonlySet<CustomRule>;
  /** Those of them that fit. */
  readonly fitting: readonly CustomRule[];
}

/**
 * The rules that can fit this asker on this registry whatever it asks for: those whose kind,
 * account, group and service criteria it meets, in their order. Deciding with these instead of all
 * rules gives the same decisions; callers cache them per asker (rules rarely change, askers repeat).
 * Given what fitted over an earlier list, only the rules not in that list are judged: a rule
 * object that was there fits as it did (whether a rule fits depends on the rule and the asker only).
 */
export function rulesForAsker(
  rules: readonly CustomRule[],
  identity: Identity,
  service: string,
  earlier?: EarlierFit,
): CustomRule[] {
  const patterns = patternContextOf(identity, { registry: { service } as RegistryPolicy });
  if (earlier === undefined) return rules.filter((rule) => fitsAsker(rule, identity.kind, patterns));
  const fitted = new Set(earlier.fitting);
  return rules.filter((rule) =>
    earlier.rules.has(rule) ? fitted.has(rule) : fitsAsker(rule, identity.kind, patterns),
  );
}

function ruleFits(
  rule: CustomRule,
  identity: Identity,
  scope: ResourceScope,
  context: PolicyContext,
  patterns: PatternContext,
): boolean {
  const match = compiledMatchOf(rule);
  if (!fitsAsker(rule, identity.kind, patterns, match)) return false;
  if (match.type !== undefined && !match.type.matches(scope.type, patterns)) return false;
  if (match.name !== undefined && !match.name.matches(scope.name, patterns)) return false;
  if (rule.match.ip !== undefined && !ipMatches(rule.match.ip, context.clientIp)) return false;
  return true;
}

function ruleDecider(rule: CustomRule): Decider {
  const label = `rule #${rule.id}${rule.comment ? ` (${rule.comment})` : ''}`;
  if (rule.actions.includes('*')) return { all: yes(`${label} grants everything`), verdict: () => yes(`${label}`) };
  if (rule.actions.length === 0) return { verdict: () => no(`${label} denies everything`) };
  return {
    verdict: (action) =>
      rule.actions.includes(action) ? yes(`${label} grants ${action}`) : no(`${label} does not grant ${action}`),
  };
}

// --- path policies ----------------------------------------------------------------------------

interface UserFacts {
  readonly user: UserIdentity;
  readonly registry: RegistryPolicy;
  readonly groupIds: readonly number[];
}

function has(facts: UserFacts, privilege: Privilege): boolean {
  return facts.user.privileges.includes(privilege);
}

function pub(facts: UserFacts): boolean {
  return facts.registry.publications.some((id) => facts.groupIds.includes(id));
}

function resp(facts: UserFacts): boolean {
  return facts.registry.responsibles.some((id) => facts.groupIds.includes(id));
}

/** Pull for a user already entitled to the path: DockerRegistriesPuller and pub(U,R). */
function userPull(facts: UserFacts, family: string, because: string): Verdict {
  const name = facts.user.name;
  if (!has(facts, 'DockerRegistriesPuller')) return no(`${family}: ${name} lacks DockerRegistriesPuller`);
  if (!pub(facts)) return no(`${family}: no group of ${name} is a publication group of ${facts.registry.service}`);
  return yes(
    `${family}: ${because}, DockerRegistriesPuller, ${facts.registry.service} published to ${groupsText(facts.registry.publications, facts.user.groups)}`,
  );
}

/** Push where the home rule applies: DockerRegistriesPusher and pushHome(U,R). */
function userPushHome(facts: UserFacts, family: string, because: string): Verdict {
  const name = facts.user.name;
  const service = facts.registry.service;
  if (!has(facts, 'DockerRegistriesPusher')) return no(`${family}: ${name} lacks DockerRegistriesPusher`);
  if (facts.registry.restricted) {
    if (!resp(facts)) return no(`${family}: ${service} is restricted and no group of ${name} is responsible for it`);
    return yes(
      `${family}: ${because}, DockerRegistriesPusher, responsible for restricted ${service} through ${groupsText(facts.registry.responsibles, facts.user.groups)}`,
    );
  }
  if (!pub(facts)) return no(`${family}: no group of ${name} is a publication group of ${service}`);
  return yes(
    `${family}: ${because}, DockerRegistriesPusher, ${service} published to ${groupsText(facts.registry.publications, facts.user.groups)}`,
  );
}

/** Applies "push implies pull" and "delete exactly where push" to a user's pull and push verdicts. */
function userDecider(pull: Verdict, push: () => Verdict): Decider {
  let pushVerdict: Verdict | undefined;
  const pushOnce = () => (pushVerdict ??= push());
  return {
    verdict(action) {
      switch (action) {
        case 'pull': {
          if (pull.granted) return pull;
          const p = pushOnce();
          return p.granted ? yes(`${p.clause}; push implies pull`) : pull;
        }
        case 'push':
          return pushOnce();
        case 'delete': {
          const p = pushOnce();
          return p.granted ? yes(`${p.clause}; delete goes with push`) : no(`${p.clause}; delete goes with push`);
        }
        default:
          return no(`"${action}" is not a repository action`);
      }
    },
  };
}

function refuseAll(clause: string): Decider {
  return { verdict: () => no(clause) };
}

function userPathDecider(user: UserIdentity, name: string, context: PolicyContext): Decider {
  const facts: UserFacts = { user, registry: context.registry, groupIds: user.groups.map((g) => g.id) };
  const [first, ref] = name.split('/');
  const refers = (entity: { id: number; name: string }) => ref === entity.name || ref === String(entity.id);

  if (first === 'users' && ref !== undefined) {
    const family = 'users/ path';
    if (!refers(user)) return refuseAll(`${family}: ${name} belongs to another user than ${user.name}`);
    const own = `${user.name}'s own repository`;
    return userDecider(userPull(facts, family, own), () => userPushHome(facts, family, own));
  }
  if (first === 'groups' && ref !== undefined) {
    const family = 'groups/ path';
    const group = user.groups.find(refers);
    if (!group) return refuseAll(`${family}: ${user.name} is not a member of group ${ref}`);
    const member = `${user.name} is a member of ${group.name}`;
    return userDecider(userPull(facts, family, member), () => userPushHome(facts, family, member));
  }
  if (first === 'apps' && ref !== undefined) {
    const family = 'apps/ path';
    const apps = context.apps(ref);
    if (apps.length === 0) return refuseAll(`${family}: there is no app ${ref}`);
    const reader = apps.find((a) => a.publications.some((id) => facts.groupIds.includes(id)));
    const runner = apps.find((a) => a.responsibles.some((id) => facts.groupIds.includes(id)));
    const pull = reader
      ? userPull(facts, family, `app ${reader.name} is published to ${groupsText(reader.publications, user.groups)}`)
      : no(`${family}: no group of ${user.name} is a publication group of app ${apps[0]!.name}`);
    const push = () =>
      runner
        ? userPushHome(
            facts,
            family,
            `${groupsText(runner.responsibles, user.groups)} responsible for app ${runner.name}`,
          )
        : no(`${family}: no group of ${user.name} is responsible for app ${apps[0]!.name}`);
    return userDecider(pull, push);
  }
  const family = 'other path';
  const pull = userPull(facts, family, `${name} is outside users/, groups/ and apps/`);
  const push = (): Verdict => {
    if (!has(facts, 'DockerRegistriesPusher')) return no(`${family}: ${user.name} lacks DockerRegistriesPusher`);
    if (!resp(facts)) return no(`${family}: no group of ${user.name} is responsible for ${context.registry.service}`);
    return yes(
      `${family}: DockerRegistriesPusher, responsible for ${context.registry.service} through ${groupsText(context.registry.responsibles, user.groups)}`,
    );
  };
  return userDecider(pull, push);
}

function servicePathDecider(service: ServiceIdentity, name: string, context: PolicyContext): Decider {
  const [first, ref] = name.split('/');
  const who = `service/${service.name}`;
  const pullOnly = (pull: Verdict): Decider => ({
    verdict: (action) => (action === 'pull' ? pull : no(`${who}: a service may only pull`)),
  });
  if ((first === 'users' || first === 'groups') && ref !== undefined) {
    return refuseAll(`${first}/ path: never for a service`);
  }
  if (first === 'apps' && ref !== undefined) {
    const apps = context.apps(ref);
    return pullOnly(
      apps.some((a) => a.id === service.app.id)
        ? yes(`apps/ path: ${who} belongs to app ${service.app.name}`)
        : no(`apps/ path: ${who} belongs to app ${service.app.name}, not ${ref}`),
    );
  }
  const shared = service.app.publications.some((id) => context.registry.publications.includes(id));
  return pullOnly(
    shared
      ? yes(`other path: app ${service.app.name} shares a publication group with ${context.registry.service}`)
      : no(`other path: app ${service.app.name} shares no publication group with ${context.registry.service}`),
  );
}

function robotPathDecider(robot: RobotIdentity, name: string, context: PolicyContext): Decider {
  const [first, ref] = name.split('/');
  if ((first === 'users' || first === 'groups') && ref !== undefined) {
    return refuseAll(`${first}/ path: never for a robot`);
  }
  const who = `robot/${robot.name}`;
  const patterns: PatternContext = { account: who, service: context.registry.service, groups: [] };
  const matching = robot.permissions.filter((p) => matchesPattern(p.repositories, name, patterns));
  const allows = (action: RegistryAction) =>
    matching.find((p) => p.actions.includes(action) || p.actions.includes('*'))?.repositories;
  return {
    verdict(action) {
      if (!REPOSITORY_ACTIONS.includes(action)) return no(`"${action}" is not a repository action`);
      const direct = allows(action);
      if (direct !== undefined) return yes(`${who}: permission ${direct} allows ${action}`);
      const push = action === 'pull' ? allows('push') : undefined;
      if (push !== undefined) return yes(`${who}: permission ${push} allows push; push implies pull`);
      return no(
        matching.length === 0
          ? `${who}: no permission covers ${name}`
          : `${who}: its permissions on ${name} do not include ${action}`,
      );
    },
  };
}

/** Pull of public paths (R.anonymousPull) for everyone, in front of an identity's own decider. */
function withPublicPaths(decider: Decider, name: string, context: PolicyContext): Decider {
  const patterns: PatternContext = { account: '', service: context.registry.service, groups: [] };
  const pattern = context.registry.anonymousPull.find((p) => matchesPattern(p, name, patterns));
  if (pattern === undefined) return decider;
  return {
    verdict(action) {
      const own = decider.verdict(action);
      if (action !== 'pull' || own.granted) return own;
      return yes(`public path: ${context.registry.service} lets everyone pull ${pattern}`);
    },
  };
}

function repositoryDecider(identity: Identity, scope: ResourceScope, context: PolicyContext): Decider {
  let decider: Decider;
  switch (identity.kind) {
    case 'anonymous':
      decider = refuseAll(`anonymous: only the anonymousPull paths of ${context.registry.service}`);
      break;
    case 'user':
      decider = userPathDecider(identity, scope.name, context);
      break;
    case 'service':
      decider = servicePathDecider(identity, scope.name, context);
      break;
    case 'robot':
      decider = robotPathDecider(identity, scope.name, context);
      break;
  }
  return withPublicPaths(decider, scope.name, context);
}

function registryDecider(identity: Identity, scope: ResourceScope, context: PolicyContext): Decider {
  if (scope.name !== 'catalog') return refuseAll(`registry:${scope.name} is not a known resource`);
  return {
    verdict(action) {
      if (action === 'search') return yes('catalog search: everyone may search; results show only what they may pull');
      if (action !== '*') return no(`registry:catalog: "${action}" is not a catalog action`);
      if (context.registry.fronted === true)
        return yes(`catalog: ${context.registry.service} is fronted: its catalog shows each asker what they may pull`);
      if (identity.kind !== 'user') return no(`catalog: only admins and responsibles of ${context.registry.service}`);
      return inAnyGroup(identity, context.registry.responsibles)
        ? yes(`catalog: ${identity.name} is responsible for ${context.registry.service}`)
        : no(`catalog: no group of ${identity.name} is responsible for ${context.registry.service}`);
    },
  };
}

/**
 * A personal access token narrows its user's answer: its registries, and read-only. Reading is
 * `pull` and `search`, and listing the catalog (`registry:catalog:*`: `*` is the catalog's only
 * listing action, not "every action").
 */
function narrowedByToken(decider: Decider, identity: Identity, scope: ResourceScope, context: PolicyContext): Decider {
  if (identity.kind !== 'user' || identity.token === undefined) return decider;
  const token = identity.token;
  const label = `token ${token.name}`;
  if (token.registries !== null && !token.registries.includes(context.registry.service)) {
    return refuseAll(`${label} is not valid for ${context.registry.service}`);
  }
  if (!token.readOnly) return decider;
  return {
    verdict(action) {
      if (action === 'pull' || action === 'search' || (scope.type === 'registry' && action === '*'))
        return decider.verdict(action);
      return no(`${label} is read-only`);
    },
  };
}

function deciderFor(identity: Identity, scope: ResourceScope, context: PolicyContext): Decider {
  if (identity.kind === 'user' && identity.isAdmin) {
    return {
      all: yes(`admin: ${identity.name} bypasses every rule`),
      verdict: () => yes(`admin: ${identity.name} bypasses every rule`),
    };
  }
  const patterns = patternContextOf(identity, context);
  const rule = context.rules.find((r) => ruleFits(r, identity, scope, context, patterns));
  if (rule) return ruleDecider(rule);
  switch (scope.type) {
    case 'repository':
      return repositoryDecider(identity, scope, context);
    case 'registry':
      return registryDecider(identity, scope, context);
    default:
      return refuseAll(`"${scope.type}" is not a resource type Portcullis grants`);
  }
}

function decideScope(identity: Identity, scope: ResourceScope, context: PolicyContext): AccessGrant {
  const decider = narrowedByToken(deciderFor(identity, scope, context), identity, scope, context);
  const decisions: ActionDecision[] = [];
  const granted: RegistryAction[] = [];
  const record = (action: RegistryAction, verdict: Verdict) => {
    decisions.push({ action, granted: verdict.granted, clause: verdict.clause });
    if (verdict.granted && !granted.includes(action)) granted.push(action);
  };
  for (const action of scope.actions) {
    if (action === '*' && decider.all?.granted) {
      record('*', decider.all);
    } else if (action === '*') {
      // Everything is not allowed: grant the concrete actions that are.
      const concrete = scope.type === 'repository' ? REPOSITORY_ACTIONS : ['*'];
      for (const a of concrete) record(a, a === '*' ? decider.verdict('*') : decider.verdict(a));
    } else {
      record(action, decider.verdict(action));
    }
  }
  const clauses = [...new Set(decisions.map((d) => d.clause))];
  return {
    type: scope.type,
    ...(scope.class === undefined ? {} : { class: scope.class }),
    name: scope.name,
    requested: scope.actions,
    granted,
    clause: clauses.length === 0 ? 'nothing requested' : clauses.join('; '),
    decisions,
  };
}

/**
 * Decides what a token grants: for each requested scope, the intersection of the requested actions
 * and those docs/access-policy.md allows, with the clause behind each. Order of authority: the
 * admin bypass, then the first custom rule that fits, then the path policies (with the registry's
 * public paths), and last the narrowing of a personal access token.
 */
export function decideAccess(
  identity: Identity,
  context: PolicyContext,
  requested: readonly ResourceScope[],
): AccessGrant[] {
  return requested.map((scope) => decideScope(identity, scope, context));
}

/**
 * What a token request got: everything it asked for (`granted`), some of it (`partial`), or
 * nothing (`denied`); no scope at all is a granted login. `*` counts as given only when the token
 * carries `*` itself: a `*` narrowed to the actions allowed is partial.
 */
export function grantOutcome(grants: readonly AccessGrant[]): 'granted' | 'partial' | 'denied' {
  if (grants.every((g) => g.requested.every((action) => g.granted.includes(action)))) return 'granted';
  return grants.some((g) => g.granted.length > 0) ? 'partial' : 'denied';
}
