import type { CustomRule, RegistryPolicy } from './access-decision';
import type { AppPolicy, Identity } from './identity';

/** The namespaces whose second path segment names who may pull there (access-policy.md). */
export const OWNED_NAMESPACES = ['users', 'groups', 'apps'] as const;
export type OwnedNamespace = (typeof OWNED_NAMESPACES)[number];

/**
 * For a search, the only `<ref>`s under `users/<ref>/`, `groups/<ref>/` and `apps/<ref>/` where
 * the asker may possibly pull; a namespace absent from the map is not narrowed. It is a necessary
 * condition, never a sufficient one: the search still decides every result with `decideAccess`.
 * It lets the database skip, before ranking, the many repositories of other users, groups and apps
 * (otherwise an asker who may pull few of the best-ranked matches would see none of the others).
 *
 * Nothing is narrowed for an admin, or when one of the asker's rules grants anything (a rule can
 * grant any path); a namespace is not narrowed when one of the registry's public patterns could
 * reach into it.
 */
export function searchNarrowing(
  identity: Identity,
  registry: RegistryPolicy,
  /** The rules that can fit the asker on this registry (rulesForAsker). */
  rules: readonly CustomRule[],
  apps: readonly AppPolicy[],
): Map<OwnedNamespace, string[]> {
  const narrowed = new Map<OwnedNamespace, string[]>();
  if (identity.kind === 'user' && identity.isAdmin) return narrowed;
  if (rules.some((rule) => rule.actions.length > 0)) return narrowed;
  const refs = (entity: { id: number; name: string }) => [String(entity.id), entity.name];
  switch (identity.kind) {
    case 'user': {
      const groupIds = new Set(identity.groups.map((g) => g.id));
      const shares = (ids: readonly number[]) => ids.some((id) => groupIds.has(id));
      narrowed.set('users', refs(identity));
      narrowed.set('groups', identity.groups.flatMap(refs));
      // Pull through a publication, or push (which implies pull) through responsibility.
      narrowed.set('apps', apps.filter((a) => shares(a.publications) || shares(a.responsibles)).flatMap(refs));
      break;
    }
    case 'service':
      narrowed.set('users', []);
      narrowed.set('groups', []);
      // Its own app, by id or by name (as the apps are known now).
      narrowed.set('apps', [
        ...new Set([...refs(identity.app), ...apps.filter((a) => a.id === identity.app.id).flatMap(refs)]),
      ]);
      break;
    case 'robot':
      // Its permissions may name any app's repositories.
      narrowed.set('users', []);
      narrowed.set('groups', []);
      break;
    case 'anonymous':
      narrowed.set('users', []);
      narrowed.set('groups', []);
      narrowed.set('apps', []);
      break;
  }
  for (const namespace of OWNED_NAMESPACES)
    if (registry.anonymousPull.some((pattern) => mayReachInto(pattern, namespace))) narrowed.delete(namespace);
  return narrowed;
}

/** Whether a public pattern could match a path under `namespace/`: unless it starts with another literal segment. */
function mayReachInto(pattern: string, namespace: OwnedNamespace): boolean {
  if (pattern.startsWith('/')) return true; // an anchored regex: anything
  const first = pattern.split('/')[0]!;
  return !/^[a-z0-9._-]+$/.test(first) || first === namespace;
}

/** The narrowing of a search over several registries: what any of them leaves possible. */
export function unionOfNarrowings(
  narrowings: readonly ReadonlyMap<OwnedNamespace, readonly string[]>[],
): Map<OwnedNamespace, string[]> {
  const union = new Map<OwnedNamespace, string[]>();
  for (const namespace of OWNED_NAMESPACES) {
    const lists = narrowings.map((n) => n.get(namespace));
    if (lists.length > 0 && lists.every((list) => list !== undefined))
      union.set(namespace, [...new Set(lists.flatMap((list) => list))]);
  }
  return union;
}

/** Whether the narrowing leaves `name` as a repository the asker may possibly pull. */
export function withinNarrowing(narrowing: ReadonlyMap<OwnedNamespace, readonly string[]>, name: string): boolean {
  return narrowingTest(narrowing)(name);
}

/**
 * withinNarrowing for many names: the refs in sets, the name's first two segments found without
 * splitting it (a search tests thousands of names against one narrowing).
 */
export function narrowingTest(narrowing: ReadonlyMap<OwnedNamespace, readonly string[]>): (name: string) => boolean {
  const allowed = new Map<string, ReadonlySet<string>>(
    [...narrowing].map(([namespace, refs]) => [namespace, new Set(refs)]),
  );
  return (name) => {
    const slash = name.indexOf('/');
    if (slash < 0) return true;
    const refs = allowed.get(name.slice(0, slash));
    if (refs === undefined) return true;
    const next = name.indexOf('/', slash + 1);
    return refs.has(next < 0 ? name.slice(slash + 1) : name.slice(slash + 1, next));
  };
}

/**
 * A key such that every repository with the same key gets the same pull verdict for this asker
 * on this registry, so that listing many repositories decides once per key. Without rules that
 * fit the asker and without public patterns, the policy looks at the first two path segments
 * only (and at none for other paths); a robot's permissions, a rule or a public pattern may look
 * at the whole name, which is then the key.
 */
export function pullVerdictKey(
  identity: Identity,
  registry: RegistryPolicy,
  /** The rules that can fit the asker on this registry (rulesForAsker). */
  rules: readonly CustomRule[],
  name: string,
): string {
  if (identity.kind === 'user' && identity.isAdmin) return '';
  if (identity.kind === 'robot' || rules.length > 0 || registry.anonymousPull.length > 0) return name;
  const [first, ref] = name.split('/');
  return ref !== undefined && (OWNED_NAMESPACES as readonly string[]).includes(first!) ? `${first}/${ref}` : '/';
}

/** The first index in `[from, to)` of names ascending in code-unit order whose name is not before `key`. */
export function lowerBoundBy(nameAt: (index: number) => string, key: string, from: number, to: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (nameAt(middle) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first index of ascending `sorted` (code-unit order) whose name is not before `key`. */
export function lowerBound(sorted: readonly string[], key: string, from = 0, to = sorted.length): number {
  return lowerBoundBy((i) => sorted[i]!, key, from, to);
}

/**
 * The stretches `[start, end)` of ascending `sorted` (code-unit order, as distribution lists a
 * catalog) from `from` on, in order, that hold every name within the narrowing and as few others
 * as binary searches can tell: a narrowed namespace's names lie in `["ns/", "ns0")` (`0` follows
 * `/`), and in it only `ns/ref` and `["ns/ref/", "ns/ref0")` for the refs left. A page of a
 * million-name catalog then reads the asker's few namespaces instead of testing every name of the
 * others. The names of a stretch still need narrowingTest (`ns/ref` may also be a repository's
 * whole name, and names without a namespace are in none).
 */
export function narrowedStretches(
  sorted: readonly string[],
  from: number,
  narrowing: ReadonlyMap<OwnedNamespace, readonly string[]>,
): [number, number][] {
  return narrowedStretchesBy((i) => sorted[i]!, from, sorted.length, narrowing);
}

/** narrowedStretches over the names `nameAt` gives in `[from, to)`, ascending in code-unit order. */
export function narrowedStretchesBy(
  nameAt: (index: number) => string,
  from: number,
  to: number,
  narrowing: ReadonlyMap<OwnedNamespace, readonly string[]>,
): [number, number][] {
  const stretches: [number, number][] = [];
  const add = (start: number, end: number) => {
    if (start < end) stretches.push([start, end]);
  };
  const bound = (key: string, low = from, high = to) => lowerBoundBy(nameAt, key, low, high);
  const blocks = [...narrowing.keys()]
    .map((namespace) => ({ namespace, start: bound(`${namespace}/`), end: bound(`${namespace}0`) }))
    .sort((a, b) => a.start - b.start);
  let at = from;
  for (const { namespace, start, end } of blocks) {
    add(at, start);
    const inside: [number, number][] = [];
    for (const ref of new Set(narrowing.get(namespace))) {
      const exact = bound(`${namespace}/${ref}`, start, end);
      if (exact < end && nameAt(exact) === `${namespace}/${ref}`) inside.push([exact, exact + 1]);
      const under = bound(`${namespace}/${ref}/`, start, end);
      inside.push([under, bound(`${namespace}/${ref}0`, under, end)]);
    }
    inside.sort((a, b) => a[0] - b[0]);
    for (const [first, last] of inside) add(first, last);
    // An empty block (no name in the namespace) may share its start with the next one's.
    at = Math.max(at, end);
  }
  add(at, to);
  return stretches;
}
