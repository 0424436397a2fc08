import { FormControl, FormGroup, Validators } from '@angular/forms';
import type { AbstractControl, ValidationErrors } from '@angular/forms';
import type { Schemas } from '@portcullis/api-client';
import { OBJECT_NAME_PATTERN } from '@portcullis/domain/names';
import { repositoryPatternProblem } from '@portcullis/domain/pattern';

type RobotAction = Schemas['RobotPermissionDto']['actions'][number];

const pattern = (control: AbstractControl<string>): ValidationErrors | null => {
  const problem = control.value.trim() === '' ? undefined : repositoryPatternProblem(control.value.trim());
  return problem === undefined ? null : { pattern: problem };
};

const someAction = (group: AbstractControl): ValidationErrors | null => {
  const { pull, push, remove } = (group as FormGroup).getRawValue() as Record<string, boolean>;
  return pull || push || remove ? null : { noAction: true };
};

/** A robot: a name, the app owning it, one repository pattern with its actions, an optional expiry. */
export function robotForm() {
  return new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(OBJECT_NAME_PATTERN)],
    }),
    app: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    repositories: new FormControl('', { nonNullable: true, validators: [Validators.required, pattern] }),
    actions: new FormGroup(
      {
        pull: new FormControl(true, { nonNullable: true }),
        push: new FormControl(false, { nonNullable: true }),
        remove: new FormControl(false, { nonNullable: true }),
      },
      { validators: [someAction] },
    ),
    /** yyyy-mm-dd, or empty for no expiry. */
    expires: new FormControl('', { nonNullable: true }),
  });
}

export type RobotForm = ReturnType<typeof robotForm>;

/** What the form asks the API to create; the expiry is the end of the chosen day, UTC. */
export function createRobotBody(form: RobotForm): Schemas['CreateRobotDto'] {
  const value = form.getRawValue();
  const actions: RobotAction[] = [
    ...(value.actions.pull ? (['pull'] as const) : []),
    ...(value.actions.push ? (['push'] as const) : []),
    ...(value.actions.remove ? (['delete'] as const) : []),
  ];
  return {
    name: value.name.trim(),
    app: value.app,
    permissions: [{ repositories: value.repositories.trim(), actions }],
    ...(value.expires ? { expiresAt: `${value.expires}T23:59:59Z` } : {}),
  };
}
