import ipaddr from 'ipaddr.js';
import type { RuleMatch } from './access-decision';
import { REPOSITORY_NAME_CHARS, globNeverMatches, patternProblem } from './pattern';

/** What each pattern field's values are made of: a glob with other characters can never match. */
const ALPHABETS: Partial<Record<keyof RuleMatch, RegExp>> = {
  account: /[a-z0-9._/-]/,
  type: /[a-z0-9()]/,
  name: REPOSITORY_NAME_CHARS,
  service: /[A-Za-z0-9._:-]/,
  group: /[a-z0-9._-]/,
};

function isCidr(value: string): boolean {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a value is unusable in a rule's match field (malformed, or a pattern that can never match),
 * or undefined. The API refuses such rules; the console says so as the field is typed.
 */
export function ruleMatchProblem(field: keyof RuleMatch, value: string): string | undefined {
  if (field === 'kind') return undefined;
  if (field === 'ip') {
    return ipaddr.isValid(value) || isCidr(value) ? undefined : 'must be an IP address or a CIDR range';
  }
  const alphabet = ALPHABETS[field];
  return patternProblem(value) ?? (alphabet ? globNeverMatches(value, alphabet) : undefined);
}
