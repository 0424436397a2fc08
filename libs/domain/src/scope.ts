/**
 * The Docker token scope grammar (distribution `docs/spec/auth/scope.md`), parsed exactly as the
 * registry and its clients write it. Hand-written: no npm package implements this grammar.
 *
 *   scope         := resourcescope [ ' ' resourcescope ]*
 *   resourcescope := resourcetype ":" resourcename ":" action [ ',' action ]*
 *   resourcetype  := resourcetypevalue [ '(' resourcetypevalue ')' ]
 *
 * The name may itself hold one ':' (a `host:port` prefix), so the type is the text up to the first
 * ':' and the actions the text after the last one (scope.md, "NOTE").
 */

/** A registry action, in the protocol's own words. `*` means every action. */
export type RegistryAction = 'pull' | 'push' | 'delete' | '*' | (string & {});

export interface ResourceScope {
  /** `repository` or `registry` (or any other `[a-z0-9]+` value a client sends). */
  readonly type: string;
  /** The part inside parentheses: `plugin` for `repository(plugin)`. */
  readonly class?: string;
  readonly name: string;
  /** Requested actions, deduplicated, in first-seen order. Never contains an empty string. */
  readonly actions: readonly RegistryAction[];
}

export class ScopeError extends Error {
  constructor(
    message: string,
    readonly scope: string,
  ) {
    super(message);
    this.name = 'ScopeError';
  }
}

/** distribution `reference.NameTotalLengthMax`. */
export const MAX_NAME_LENGTH = 255;
/** More resource scopes than this in one request is not a real client. */
export const MAX_SCOPES_PER_REQUEST = 64;
const MAX_SCOPE_LENGTH = 1024;

const TYPE_RE = /^([a-z0-9]+)(?:\(([a-z0-9]+)\))?$/;
const ACTION_RE = /^(?:[a-z]*|\*)$/;
// distribution reference/regexp.go: domain and path components.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*';
const REPOSITORY_NAME_RE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const RESOURCE_NAME_RE = /^[a-z0-9]+$/;

/** True when `name` is a valid repository name (optionally prefixed by `host[:port]/`). */
export function isRepositoryName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_NAME_LENGTH && REPOSITORY_NAME_RE.test(name);
}

// distribution reference/regexp.go: a tag is [\w][\w.-]{0,127}.
const TAG_RE = /^[\w][\w.-]{0,127}$/;

/** True when `tag` is a valid tag (distribution's reference grammar). */
export function isTagName(tag: string): boolean {
  return TAG_RE.test(tag);
}

/** Parses one `type:name:actions` resource scope. */
export function parseResourceScope(text: string): ResourceScope {
  if (text.length > MAX_SCOPE_LENGTH) {
    throw new ScopeError('scope is too long', text.slice(0, 64));
  }
  const first = text.indexOf(':');
  const last = text.lastIndexOf(':');
  if (first <= 0 || last === first) {
    throw new ScopeError('scope must be "type:name:actions"', text);
  }
  const typeText = text.slice(0, first);
  const name = text.slice(first + 1, last);
  const actionsText = text.slice(last + 1);

  const type = TYPE_RE.exec(typeText);
  if (!type) {
    throw new ScopeError(`invalid resource type "${typeText}"`, text);
  }
  const resourceType = type[1] as string;
  const resourceClass = type[2];
  const nameIsValid = resourceType === 'repository' ? isRepositoryName(name) : RESOURCE_NAME_RE.test(name);
  if (!nameIsValid) {
    throw new ScopeError(`invalid resource name "${name}"`, text);
  }

  const actions: RegistryAction[] = [];
  for (const action of actionsText.split(',')) {
    if (!ACTION_RE.test(action)) {
      throw new ScopeError(`invalid action "${action}"`, text);
    }
    if (action !== '' && !actions.includes(action)) {
      actions.push(action);
    }
  }
  return resourceClass === undefined
    ? { type: resourceType, name, actions }
    : { type: resourceType, class: resourceClass, name, actions };
}

/**
 * Parses every `scope` value of a token request. Each value may hold several space-separated
 * resource scopes (POST form, and the registry's own challenge for a cross-repository mount), and
 * the parameter may repeat (GET, and containers/image's POST). Scopes naming the same resource are
 * merged, so the token carries one access entry per resource.
 */
export function parseScopes(values: readonly string[]): ResourceScope[] {
  const merged = new Map<string, ResourceScope>();
  for (const value of values) {
    for (const part of value.split(' ')) {
      if (part === '') continue;
      const scope = parseResourceScope(part);
      const key = `${scope.type}(${scope.class ?? ''}):${scope.name}`;
      const seen = merged.get(key);
      if (seen) {
        const actions = [...seen.actions];
        for (const action of scope.actions) if (!actions.includes(action)) actions.push(action);
        merged.set(key, { ...seen, actions });
      } else {
        if (merged.size >= MAX_SCOPES_PER_REQUEST) {
          throw new ScopeError(`more than ${MAX_SCOPES_PER_REQUEST} scopes requested`, part);
        }
        merged.set(key, scope);
      }
    }
  }
  return [...merged.values()];
}

/** Renders a scope back to its wire form (`repository(plugin):name:pull,push`). */
export function formatScope(scope: ResourceScope): string {
  const type = scope.class === undefined ? scope.type : `${scope.type}(${scope.class})`;
  return `${type}:${scope.name}:${scope.actions.join(',')}`;
}
