/**
 * The pattern language of custom rules, robot permissions and anonymous-pull paths
 * (docs/access-policy.md, "Custom rules"):
 *
 * - a glob by default: `*` matches within one path segment, `**` across `/`, everything else is
 *   literal;
 * - `/regex/`: a regular expression, anchored at both ends (docker_auth's match substrings; ours do
 *   not, on purpose);
 * - placeholders `${account}`, `${service}` and `${group}` stand for the asker's login name, the
 *   registry's service and each of the asker's groups; their values always match literally.
 *
 * Written by hand: a general glob library would accept syntax (`?`, braces, classes) that the rule
 * book does not define, and none substitutes placeholders with escaping.
 */

export const PLACEHOLDERS = ['account', 'service', 'group'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Values the placeholders take for one asker: `group` may have several (or none). */
export interface PatternContext {
  readonly account: string;
  readonly service: string;
  readonly groups: readonly string[];
}

const PLACEHOLDER_RE = /\$\{([a-z]+)\}/g;
const MAX_PATTERN_LENGTH = 512;

export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function isRegex(pattern: string): boolean {
  return pattern.length >= 2 && pattern.startsWith('/') && pattern.endsWith('/');
}

/** Regex source of a glob; placeholders become their values, matched literally. */
function globSource(glob: string, values: Readonly<Record<Placeholder, string>>): string {
  let source = '';
  let i = 0;
  while (i < glob.length) {
    if (glob.startsWith('**', i)) {
      source += '.*';
      i += 2;
    } else if (glob[i] === '*') {
      source += '[^/]*';
      i += 1;
    } else if (glob.startsWith('${', i) && glob.indexOf('}', i) > i) {
      const end = glob.indexOf('}', i);
      source += escapeRegex(values[glob.slice(i + 2, end) as Placeholder] ?? '');
      i = end + 1;
    } else {
      source += escapeRegex(glob[i] as string);
      i += 1;
    }
  }
  return source;
}

function placeholdersIn(pattern: string): Placeholder[] {
  return [...pattern.matchAll(PLACEHOLDER_RE)].map((m) => m[1] as Placeholder);
}

/**
 * Checks a pattern's syntax: known placeholders only, a regex that compiles, a bounded length.
 * Returns a message, or undefined when it is well formed.
 */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'is empty';
  if (pattern.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  for (const name of placeholdersIn(pattern)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      return `uses the unknown placeholder \${${name}} (known: ${PLACEHOLDERS.map((p) => `\${${p}}`).join(', ')})`;
    }
  }
  if (isRegex(pattern)) {
    try {
      new RegExp(`^(?:${pattern.slice(1, -1).replace(PLACEHOLDER_RE, 'x')})$`);
    } catch (error) {
      return `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  return undefined;
}

/**
 * Flags globs that can never match a value drawn from `alphabet` (for example an upper-case
 * repository name): their literal characters fall outside it. Regexes are not judged.
 */
export function globNeverMatches(pattern: string, alphabet: RegExp): string | undefined {
  if (isRegex(pattern)) return undefined;
  const literal = pattern.replace(PLACEHOLDER_RE, '').replace(/\*/g, '');
  const bad = [...new Set([...literal].filter((c) => !alphabet.test(c)))];
  return bad.length === 0
    ? undefined
    : `can never match: ${bad.map((c) => JSON.stringify(c)).join(', ')} cannot occur here`;
}

/** `key`'s value in `cache`, made and kept when missing; past `limit` entries the cache starts afresh. */
function cached<V>(cache: Map<string, V>, limit: number, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** A pattern compiled once: matching it costs a regex test, not a parse. */
export interface CompiledPattern {
  /** True when `value` matches for this asker. A malformed pattern matches nothing. */
  matches(value: string, context: PatternContext): boolean;
}

const NEVER: CompiledPattern = { matches: () => false };

/** Regexes of one placeholder pattern kept per set of values (askers repeat; past it, start afresh). */
const VALUES_CACHED = 64;

/**
 * Compiles `pattern`. Whoever keeps a pattern for long (a rule in the policy snapshot) keeps its
 * compiled form with it, so a pattern is compiled once for as long as it lives, however many
 * others there are.
 */
export function compilePattern(pattern: string): CompiledPattern {
  if (patternProblem(pattern) !== undefined) return NEVER;
  const placeholders = placeholdersIn(pattern);
  const source = isRegex(pattern)
    ? (values: Readonly<Record<Placeholder, string>>) =>
        pattern.slice(1, -1).replace(PLACEHOLDER_RE, (_, name: string) => escapeRegex(values[name as Placeholder]))
    : (values: Readonly<Record<Placeholder, string>>) => globSource(pattern, values);
  const regexOf = (values: Readonly<Record<Placeholder, string>>) => new RegExp(`^(?:${source(values)})$`);
  if (placeholders.length === 0) {
    const fixed = regexOf({ account: '', service: '', group: '' });
    return { matches: (value) => fixed.test(value) };
  }
  const usesGroup = placeholders.includes('group');
  const byValues = new Map<string, RegExp>();
  const regexFor = (account: string, service: string, group: string) =>
    cached(byValues, VALUES_CACHED, `${account}\0${service}\0${group}`, () => regexOf({ account, service, group }));
  return {
    matches(value, context) {
      // One set of placeholder values per group when `${group}` is used.
      const groups = usesGroup ? context.groups : [''];
      return groups.some((group) => regexFor(context.account, context.service, group).test(value));
    },
  };
}

/** Bound of the cache below: past it, it starts afresh (long-lived patterns are compiled by their owner). */
const CACHE_LIMIT = 10_000;
const compiled = new Map<string, CompiledPattern>();

/**
 * True when `value` matches `pattern` for this asker. A malformed pattern matches nothing.
 * Compiled patterns are cached by text, for the short-lived and the few (robot permissions,
 * anonymous-pull paths); rules keep theirs with the rule (access-decision.ts, compiledMatchOf).
 */
export function matchesPattern(pattern: string, value: string, context: PatternContext): boolean {
  return cached(compiled, CACHE_LIMIT, pattern, () => compilePattern(pattern)).matches(value, context);
}

/** Characters a repository name (as scopes carry it) can hold: literals outside them never match. */
export const REPOSITORY_NAME_CHARS = /[a-z0-9._/:-]/;

/** Why a pattern over repository names is unusable (malformed, or can never match), or undefined. */
export function repositoryPatternProblem(pattern: string): string | undefined {
  return patternProblem(pattern) ?? globNeverMatches(pattern, REPOSITORY_NAME_CHARS);
}
