import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** The items of a comma- or newline-separated field, trimmed, empty ones dropped. */
export function listOf(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * A list field whose every item must pass `problemOf` (undefined when fine): the error names the
 * first bad item and why.
 */
export function eachItem(problemOf: (item: string) => string | undefined): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    for (const item of listOf(control.value ?? '')) {
      const problem = problemOf(item);
      if (problem !== undefined) return { item: `${item}: ${problem}` };
    }
    return null;
  };
}
