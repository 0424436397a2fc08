import { type Rule, describeMatch, fillRuleForm, moved, ruleBody, ruleForm } from './rule-form';

describe('The rule form', () => {
  it('should want at least one match field', () => {
    const form = ruleForm();
    expect(form.controls.match.hasError('emptyMatch')).toBe(true);
    form.controls.match.controls.name.setValue('releases/**');
    expect(form.valid).toBe(true);
  });

  it.each([
    ['name', 'Releases/**', /never match/],
    ['name', '/[/', /regular expression/],
    ['account', '${nobody}', /unknown placeholder/],
    ['ip', '10.0.0.0/33', /CIDR/],
    ['ip', 'not-an-ip', /IP address/],
  ] as const)('should explain why %s %j is refused', (field, value, why) => {
    const form = ruleForm();
    form.controls.match.controls[field].setValue(value);
    expect(form.controls.match.controls[field].getError('match')).toMatch(why);
  });

  it.each([
    ['ip', '10.0.0.0/8'],
    ['account', 'robot/ci-*'],
    ['name', 'groups/${group}/**'],
    ['service', '/registry[0-9]\\.test/'],
  ] as const)('should accept %s %j', (field, value) => {
    const form = ruleForm();
    form.controls.match.controls[field].setValue(value);
    expect(form.controls.match.controls[field].valid).toBe(true);
  });

  it('should send set fields only, all actions as "*", and no action as a deny', () => {
    const form = ruleForm();
    form.patchValue({ match: { account: ' bob ', name: 'releases/**' }, comment: ' bob reads releases ' });
    expect(ruleBody(form)).toEqual({
      match: { account: 'bob', name: 'releases/**' },
      actions: ['pull'],
      comment: 'bob reads releases',
    });
    form.patchValue({ pull: false });
    expect(ruleBody(form).actions).toEqual([]);
    form.patchValue({ all: true, push: true });
    expect(ruleBody(form).actions).toEqual(['*']);
  });

  it('should edit a rule as it is', () => {
    const form = ruleForm();
    const rule = {
      id: 1,
      position: 0,
      updatedAt: '',
      match: { kind: 'robot', name: 'apps/**' },
      actions: ['push', 'delete'],
      comment: null,
    } as Rule;
    fillRuleForm(form, rule);
    expect(ruleBody(form)).toEqual({ match: { kind: 'robot', name: 'apps/**' }, actions: ['push', 'delete'] });
    expect(describeMatch(rule.match)).toBe('kind=robot name=apps/**');
  });

  it('should move an id within the order', () => {
    expect(moved([1, 2, 3, 4], 0, 2)).toEqual([2, 3, 1, 4]);
    expect(moved([1, 2, 3, 4], 3, 0)).toEqual([4, 1, 2, 3]);
    expect(moved([1, 2, 3], 1, 9)).toEqual([1, 3, 2]);
  });
});
