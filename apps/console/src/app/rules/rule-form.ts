import { type AbstractControl, FormControl, FormGroup, type ValidationErrors, type ValidatorFn } from '@angular/forms';
import type { Schemas } from '@portcullis/api-client';
import { ruleMatchProblem } from '@portcullis/domain/rule-match';

export type Rule = Schemas['RuleDto'];
export type RuleMatch = Schemas['RuleMatchDto'];
type Kind = NonNullable<RuleMatch['kind']>;

/** The match fields a rule may set, in the order the form shows them. */
export const MATCH_FIELDS = ['account', 'kind', 'group', 'service', 'type', 'name', 'ip'] as const;
type PatternField = Exclude<(typeof MATCH_FIELDS)[number], 'kind'>;
export const RULE_ACTIONS = ['pull', 'push', 'delete', '*'] as const;

const matchField =
  (field: PatternField): ValidatorFn =>
  (control: AbstractControl<string>): ValidationErrors | null => {
    const value = control.value.trim();
    const problem = value === '' ? undefined : ruleMatchProblem(field, value);
    return problem === undefined ? null : { match: problem };
  };

const matchesSomething = (group: AbstractControl): ValidationErrors | null => {
  const values = Object.values((group as FormGroup).getRawValue() as Record<string, string>);
  return values.some((v) => v.trim() !== '') ? null : { emptyMatch: true };
};

const pattern = (field: PatternField) => new FormControl('', { nonNullable: true, validators: [matchField(field)] });

/**
 * A rule: what it matches (each field a pattern, all of them must match), the actions it grants
 * (none: an explicit deny), and why it exists.
 */
export function ruleForm() {
  return new FormGroup({
    match: new FormGroup(
      {
        account: pattern('account'),
        kind: new FormControl<Kind | ''>('', { nonNullable: true }),
        group: pattern('group'),
        service: pattern('service'),
        type: pattern('type'),
        name: pattern('name'),
        ip: pattern('ip'),
      },
      { validators: [matchesSomething] },
    ),
    pull: new FormControl(true, { nonNullable: true }),
    push: new FormControl(false, { nonNullable: true }),
    delete: new FormControl(false, { nonNullable: true }),
    all: new FormControl(false, { nonNullable: true }),
    comment: new FormControl('', { nonNullable: true }),
  });
}

export type RuleForm = ReturnType<typeof ruleForm>;

export function fillRuleForm(form: RuleForm, rule: Rule): void {
  form.setValue({
    match: {
      account: rule.match.account ?? '',
      kind: rule.match.kind ?? '',
      group: rule.match.group ?? '',
      service: rule.match.service ?? '',
      type: rule.match.type ?? '',
      name: rule.match.name ?? '',
      ip: rule.match.ip ?? '',
    },
    pull: rule.actions.includes('pull'),
    push: rule.actions.includes('push'),
    delete: rule.actions.includes('delete'),
    all: rule.actions.includes('*'),
    comment: rule.comment ?? '',
  });
}

/** What the form asks the API to write: set fields only, `["*"]` for all actions, `[]` to deny. */
export function ruleBody(form: RuleForm): Schemas['CreateRuleDto'] {
  const v = form.getRawValue();
  const match: RuleMatch = {};
  for (const field of MATCH_FIELDS) {
    const value = v.match[field].trim();
    if (value !== '') (match as Record<string, string>)[field] = value;
  }
  const actions = v.all ? ['*'] : (['pull', 'push', 'delete'] as const).filter((a) => v[a]);
  return { match, actions: [...actions], ...(v.comment.trim() ? { comment: v.comment.trim() } : {}) };
}

/** A rule's match in one line: `account=robot/ci-* name=apps/**`. */
export function describeMatch(match: RuleMatch): string {
  return MATCH_FIELDS.filter((f) => match[f] !== undefined)
    .map((f) => `${f}=${match[f]}`)
    .join(' ');
}

/** The ids in a new order after moving one from `from` to `to`. */
export function moved(ids: readonly number[], from: number, to: number): number[] {
  const next = [...ids];
  const [id] = next.splice(from, 1);
  if (id !== undefined) next.splice(Math.max(0, Math.min(to, next.length)), 0, id);
  return next;
}
