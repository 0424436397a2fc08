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

const compiled = new Map<string, RegExp>();

function regexFor(source: string): RegExp {
  let regex = compiled.get(source);
  if (!regex) {
    regex = new RegExp(`^(?:${source})$`);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(source, regex);
  }
  return regex;
}

/** The placeholder values to try for this asker: one set per group when `${group}` is used. */
function valueSets(pattern: string, context: PatternContext): Record<Placeholder, string>[] {
  const groups = placeholdersIn(pattern).includes('group') ? context.groups : [''];
  return groups.map((group) => ({ account: context.account, service: context.service, group }));
}

/** True when `value` matches `pattern` for this asker. A malformed pattern matches nothing. */
export function matchesPattern(pattern: string, value: string, context: PatternContext): boolean {
  if (patternProblem(pattern) !== undefined) return false;
  const regex = isRegex(pattern);
  return valueSets(pattern, context).some((values) => {
    const source = regex
      ? pattern.slice(1, -1).replace(PLACEHOLDER_RE, (_, name: string) => escapeRegex(values[name as Placeholder]))
      : globSource(pattern, values);
    return regexFor(source).test(value);
  });
}

/** Characters a repository name (as scopes carry it) can hold: literals outside them never match. */
export const REPOSITORY_NAME_CHARS = /[a-z0-9._/:-]/;

/** Why a pattern over repository names is unusable (malformed, or can never match), or undefined. */
export function repositoryPatternProblem(pattern: string): string | undefined {
  return patternProblem(pattern) ?? globNeverMatches(pattern, REPOSITORY_NAME_CHARS);
}
