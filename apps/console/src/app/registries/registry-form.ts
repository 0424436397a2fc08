import { FormControl, FormGroup, Validators } from '@angular/forms';
import type { Schemas } from '@portcullis/api-client';
// The browser takes the pure modules it needs, not the whole library (which has Node-only parts).
import { OBJECT_NAME_PATTERN, SERVICE_PATTERN } from '@portcullis/domain/names';
import { repositoryPatternProblem } from '@portcullis/domain/pattern';
import { eachItem, listOf } from '../shared/list-input';

export type Registry = Schemas['RegistryDto'];

const groupName = (name: string) =>
  OBJECT_NAME_PATTERN.test(name) ? undefined : 'a group name is 1-64 of a-z, 0-9, ".", "_", "-"';

/** The registry form: the API's rules, checked as the user types (the API checks them again). */
export function registryForm() {
  return new FormGroup({
    service: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(255), Validators.pattern(SERVICE_PATTERN)],
    }),
    url: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(2048), Validators.pattern(/^https?:\/\/[^\s/?#]+[^\s]*$/)],
    }),
    publications: new FormControl('', { nonNullable: true, validators: [eachItem(groupName)] }),
    responsibles: new FormControl('', { nonNullable: true, validators: [eachItem(groupName)] }),
    anonymousPull: new FormControl('', { nonNullable: true, validators: [eachItem(repositoryPatternProblem)] }),
    restricted: new FormControl(false, { nonNullable: true }),
    fronted: new FormControl(false, { nonNullable: true }),
    insecure: new FormControl(false, { nonNullable: true }),
  });
}

export type RegistryForm = ReturnType<typeof registryForm>;

/** The form filled with a registry, to edit it (its service is its identity: not editable). */
export function fillRegistryForm(form: RegistryForm, registry: Registry): void {
  form.setValue({
    service: registry.service,
    url: registry.url,
    publications: registry.publications.join(', '),
    responsibles: registry.responsibles.join(', '),
    anonymousPull: registry.anonymousPull.join(', '),
    restricted: registry.restricted,
    fronted: registry.fronted,
    insecure: registry.insecure,
  });
  form.controls.service.disable();
}

/** What the form asks the API to create. */
export function createRegistryBody(form: RegistryForm): Schemas['CreateRegistryDto'] {
  const value = form.getRawValue();
  return { ...updateRegistryBody(form), service: value.service.trim() };
}

/** What the form asks the API to change. */
export function updateRegistryBody(form: RegistryForm): Schemas['UpdateRegistryDto'] & { url: string } {
  const value = form.getRawValue();
  return {
    url: value.url.trim(),
    publications: listOf(value.publications),
    responsibles: listOf(value.responsibles),
    anonymousPull: listOf(value.anonymousPull),
    restricted: value.restricted,
    fronted: value.fronted,
    insecure: value.insecure,
  };
}
