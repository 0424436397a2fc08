import { type User, createUserBody, fillUserForm, updateUserBody, userForm } from './user-form';

describe('The user form', () => {
  it('should want a name and a password of 8 characters for a new user', () => {
    const form = userForm();
    expect(form.controls.name.hasError('required')).toBe(true);
    expect(form.controls.password.hasError('required')).toBe(true);
    form.patchValue({ name: 'alice', password: 'short' });
    expect(form.controls.password.hasError('minlength')).toBe(true);
    form.patchValue({ password: 'long enough' });
    expect(form.valid).toBe(true);
  });

  it.each(['Alice', 'service/web', 'a b', ''])('should refuse the name %j', (name) => {
    const form = userForm();
    form.patchValue({ name });
    expect(form.controls.name.valid).toBe(false);
  });

  it('should check the email and every group name', () => {
    const form = userForm();
    form.patchValue({ email: 'not-an-email', groups: 'dev, Ops' });
    expect(form.controls.email.hasError('email')).toBe(true);
    expect(form.controls.groups.getError('item')).toMatch(/^Ops: /);
  });

  it('should send privileges, groups and the admin flag', () => {
    const form = userForm();
    form.patchValue({ name: 'alice', password: 'alice-password', groups: 'dev, qa', DockerRegistriesPusher: true });
    expect(createUserBody(form)).toEqual({
      name: 'alice',
      password: 'alice-password',
      privileges: ['DockerRegistriesPuller', 'DockerRegistriesPusher'],
      groups: ['dev', 'qa'],
      isAdmin: false,
    });
  });

  it('should edit a user without a password unless a new one is typed', () => {
    const form = userForm();
    const user = {
      id: 1,
      name: 'bob',
      email: null,
      isAdmin: true,
      disabled: false,
      privileges: ['DockerRegistriesManager'],
      groups: ['ops'],
      primaryGroup: null,
      createdAt: '',
    } as User;
    fillUserForm(form, user);
    expect(form.valid).toBe(true);
    expect(form.controls.name.disabled).toBe(true);
    expect(updateUserBody(form)).toEqual({ privileges: ['DockerRegistriesManager'], groups: ['ops'], isAdmin: true });
    form.patchValue({ password: 'new-password' });
    expect(updateUserBody(form)).toMatchObject({ password: 'new-password' });
  });

  it("should leave a sign-in source's groups out of the form, and send a move only when the source changed", () => {
    const form = userForm();
    const user = {
      id: 2,
      name: 'dana',
      email: null,
      isAdmin: false,
      disabled: false,
      source: 'ldap',
      sourceDisabled: false,
      privileges: [],
      groups: ['auditors', 'platform'],
      syncedGroups: ['platform'],
      primaryGroup: null,
      createdAt: '',
    } as User;
    fillUserForm(form, user);
    expect(form.controls.groups.value).toBe('auditors');
    expect(updateUserBody(form, user)).not.toHaveProperty('source');
    form.patchValue({ source: 'local', password: 'dana-password' });
    expect(updateUserBody(form, user)).toMatchObject({ source: 'local', password: 'dana-password' });
  });
});
