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

/** Bound of the caches below: past it they start afresh (rules are few; askers are many). */
const CACHE_LIMIT = 10_000;
const compiled = new Map<string, RegExp>();

function regexFor(source: string): RegExp {
  let regex = compiled.get(source);
  if (!regex) {
    regex = new RegExp(`^(?:${source})$`);
    if (compiled.size > CACHE_LIMIT) compiled.clear();
    compiled.set(source, regex);
  }
  return regex;
}

/** A pattern parsed once: whether it is usable, and its regex (fixed, or per placeholder values). */
interface ParsedPattern {
  readonly problem: string | undefined;
  readonly usesGroup: boolean;
  /** The regex of a pattern without placeholders. */
  readonly fixed: RegExp | undefined;
  source(values: Readonly<Record<Placeholder, string>>): string;
}

const parsed = new Map<string, ParsedPattern>();

/**
 * The parse of `pattern`, cached: deciding a token walks every rule, so matching must cost a map
 * lookup and a regex test, not a parse.
 */
function parsePattern(pattern: string): ParsedPattern {
  let result = parsed.get(pattern);
  if (result) return result;
  const problem = patternProblem(pattern);
  const placeholders = problem === undefined ? placeholdersIn(pattern) : [];
  const source = isRegex(pattern)
    ? (values: Readonly<Record<Placeholder, string>>) =>
        pattern.slice(1, -1).replace(PLACEHOLDER_RE, (_, name: string) => escapeRegex(values[name as Placeholder]))
    : (values: Readonly<Record<Placeholder, string>>) => globSource(pattern, values);
  result = {
    problem,
    usesGroup: placeholders.includes('group'),
    fixed:
      problem === undefined && placeholders.length === 0
        ? regexFor(source({ account: '', service: '', group: '' }))
        : undefined,
    source,
  };
  if (parsed.size > CACHE_LIMIT) parsed.clear();
  parsed.set(pattern, result);
  return result;
}

/** True when `value` matches `pattern` for this asker. A malformed pattern matches nothing. */
export function matchesPattern(pattern: string, value: string, context: PatternContext): boolean {
  const parsedPattern = parsePattern(pattern);
  if (parsedPattern.problem !== undefined) return false;
  if (parsedPattern.fixed !== undefined) return parsedPattern.fixed.test(value);
  // One set of placeholder values per group when `${group}` is used.
  const groups = parsedPattern.usesGroup ? context.groups : [''];
  return groups.some((group) =>
    regexFor(parsedPattern.source({ account: context.account, service: context.service, group })).test(value),
  );
}

/** Characters a repository name (as scopes carry it) can hold: literals outside them never match. */
export const REPOSITORY_NAME_CHARS = /[a-z0-9._/:-]/;

/** Why a pattern over repository names is unusable (malformed, or can never match), or undefined. */
export function repositoryPatternProblem(pattern: string): string | undefined {
  return patternProblem(pattern) ?? globNeverMatches(pattern, REPOSITORY_NAME_CHARS);
}
