import ipaddr from 'ipaddr.js';
import { REPOSITORY_NAME_CHARS, type RuleMatch, globNeverMatches, patternProblem } from '@portcullis/domain';
import { AppError, ErrorCode } from '../../common/app-error';

/** What each pattern field's values are made of: a glob with other characters can never match. */
const ALPHABETS: Partial<Record<keyof RuleMatch, RegExp>> = {
  account: /[a-z0-9._/-]/,
  type: /[a-z0-9()]/,
  name: REPOSITORY_NAME_CHARS,
  service: /[A-Za-z0-9._:-]/,
  group: /[a-z0-9._-]/,
};

/**
 * Checks a rule's match: patterns that compile and could match something, a valid address or
 * CIDR. Throws a 400 naming the field's path (`match.name`), so nothing is written.
 */
export function validateRuleMatch(match: RuleMatch, path = 'match'): RuleMatch {
  const clean: Record<string, string> = {};
  for (const [field, value] of Object.entries(match) as [keyof RuleMatch, string | undefined][]) {
    if (value === undefined) continue;
    if (field === 'ip') {
      if (!ipaddr.isValid(value) && !isCidr(value)) {
        throw new AppError(ErrorCode.VALIDATION_FAILED, `${path}.ip: must be an IP address or a CIDR range`);
      }
    } else if (field !== 'kind') {
      const alphabet = ALPHABETS[field];
      const problem = patternProblem(value) ?? (alphabet ? globNeverMatches(value, alphabet) : undefined);
      if (problem) throw new AppError(ErrorCode.VALIDATION_FAILED, `${path}.${field}: ${problem}`);
    }
    clean[field] = value;
  }
  return clean;
}

function isCidr(value: string): boolean {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}
