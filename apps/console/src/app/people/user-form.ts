import { FormControl, FormGroup, Validators } from '@angular/forms';
import type { Schemas } from '@portcullis/api-client';
import { ADDRESSABLE_NAME_PATTERN, OBJECT_NAME_PATTERN } from '@portcullis/domain/names';
import { eachItem, listOf } from '../shared/list-input';

export type User = Schemas['UserDto'];
export const PRIVILEGES = ['DockerRegistriesPuller', 'DockerRegistriesPusher', 'DockerRegistriesManager'] as const;
type Privilege = (typeof PRIVILEGES)[number];

export const groupNameProblem = (name: string) =>
  OBJECT_NAME_PATTERN.test(name) ? undefined : 'a group name is 1-64 of a-z, 0-9, ".", "_", "-"';

/** A user: a new one needs a password; an existing one keeps theirs unless a new one is typed. */
export function userForm() {
  return new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(ADDRESSABLE_NAME_PATTERN)],
    }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(8), Validators.maxLength(1024)],
    }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.email] }),
    groups: new FormControl('', { nonNullable: true, validators: [eachItem(groupNameProblem)] }),
    DockerRegistriesPuller: new FormControl(true, { nonNullable: true }),
    DockerRegistriesPusher: new FormControl(false, { nonNullable: true }),
    DockerRegistriesManager: new FormControl(false, { nonNullable: true }),
    isAdmin: new FormControl(false, { nonNullable: true }),
    /** Where the account signs in (moving it keeps its groups, tokens and history). */
    source: new FormControl<User['source']>('local', { nonNullable: true }),
  });
}

export type UserForm = ReturnType<typeof userForm>;

/**
 * The form for an existing user: its name fixed, the password optional (a new one replaces it),
 * and only the groups an administrator keeps (its sign-in source keeps the others).
 */
export function fillUserForm(form: UserForm, user: User): void {
  form.reset();
  const synced = user.syncedGroups ?? [];
  form.patchValue({
    name: user.name,
    email: user.email ?? '',
    groups: user.groups.filter((g) => !synced.includes(g)).join(', '),
    source: user.source ?? 'local',
    DockerRegistriesPuller: user.privileges.includes('DockerRegistriesPuller'),
    DockerRegistriesPusher: user.privileges.includes('DockerRegistriesPusher'),
    DockerRegistriesManager: user.privileges.includes('DockerRegistriesManager'),
    isAdmin: user.isAdmin,
  });
  form.controls.name.disable();
  form.controls.password.setValidators([Validators.minLength(8), Validators.maxLength(1024)]);
  form.controls.password.updateValueAndValidity();
}

function common(form: UserForm) {
  const v = form.getRawValue();
  const privileges: Privilege[] = PRIVILEGES.filter((p) => v[p]);
  return {
    privileges,
    groups: listOf(v.groups),
    isAdmin: v.isAdmin,
    ...(v.email.trim() ? { email: v.email.trim() } : {}),
    ...(v.password ? { password: v.password } : {}),
  };
}

export function createUserBody(form: UserForm): Schemas['CreateUserDto'] {
  return { name: form.getRawValue().name.trim(), ...common(form) };
}

/** The changes to `original`: its source only when moved. */
export function updateUserBody(form: UserForm, original?: User): Schemas['UpdateUserDto'] {
  const source = form.getRawValue().source;
  return { ...common(form), ...(original !== undefined && source !== original.source ? { source } : {}) };
}
