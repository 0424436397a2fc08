import { createRobotBody, robotForm } from './robot-form';

describe('The robot form', () => {
  const filled = () => {
    const form = robotForm();
    form.patchValue({ name: 'ci-shop', app: 'shop', repositories: 'apps/shop/**' });
    return form;
  };

  it('should want a name, an app and a pattern, and pull by default', () => {
    const form = robotForm();
    expect(form.controls.name.hasError('required')).toBe(true);
    expect(form.controls.app.hasError('required')).toBe(true);
    expect(form.controls.repositories.hasError('required')).toBe(true);
    expect(filled().valid).toBe(true);
    expect(createRobotBody(filled()).permissions).toEqual([{ repositories: 'apps/shop/**', actions: ['pull'] }]);
  });

  it.each(['CI', 'ci shop', '-ci', 'ci/shop'])('should refuse the name %j', (name) => {
    const form = filled();
    form.controls.name.setValue(name);
    expect(form.controls.name.hasError('pattern')).toBe(true);
  });

  it('should explain a pattern the policy could never match', () => {
    const form = filled();
    form.controls.repositories.setValue('/[/');
    expect(form.controls.repositories.getError('pattern')).toEqual(expect.any(String));
  });

  it('should want at least one action, and send the chosen ones', () => {
    const form = filled();
    form.controls.actions.setValue({ pull: false, push: false, remove: false });
    expect(form.controls.actions.hasError('noAction')).toBe(true);
    expect(form.valid).toBe(false);
    form.controls.actions.setValue({ pull: true, push: true, remove: true });
    expect(createRobotBody(form).permissions[0].actions).toEqual(['pull', 'push', 'delete']);
  });

  it('should end the expiry day, and send none when empty', () => {
    const form = filled();
    expect(createRobotBody(form)).not.toHaveProperty('expiresAt');
    form.controls.expires.setValue('2027-03-31');
    expect(createRobotBody(form).expiresAt).toBe('2027-03-31T23:59:59Z');
  });
});
