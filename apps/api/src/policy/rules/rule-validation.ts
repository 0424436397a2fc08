import { type RuleMatch, ruleMatchProblem } from '@portcullis/domain';
import { AppError, ErrorCode } from '../../common/app-error';

/**
 * Checks a rule's match: patterns that compile and could match something, a valid address or
 * CIDR. Throws a 400 naming the field's path (`match.name`), so nothing is written.
 */
export function validateRuleMatch(match: RuleMatch, path = 'match'): RuleMatch {
  const clean: Record<string, string> = {};
  for (const [field, value] of Object.entries(match) as [keyof RuleMatch, string | undefined][]) {
    if (value === undefined) continue;
    const problem = ruleMatchProblem(field, value);
    if (problem) throw new AppError(ErrorCode.VALIDATION_FAILED, `${path}.${field}: ${problem}`);
    clean[field] = value;
  }
  return clean;
}
