import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Problem } from '../core/problem';
import { ProblemBanner } from '../shared/problem-banner';
import { type Explanation, RulesStore } from './rules.store';

/**
 * "Can robot/ci-shop push apps/shop/web on registry.test?": asks the server's policy (the same
 * code that signs tokens) and shows the answer and the clause that decided each action.
 */
@Component({
  selector: 'pc-simulator',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemBanner,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './simulator.html',
  styles: `
    .simulator {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 0 1rem 1rem;
    }
    form {
      display: grid;
      gap: 0.25rem;
    }
    .actions {
      display: flex;
      gap: 1rem;
      margin-bottom: 0.5rem;
    }
    .denied {
      color: var(--mat-sys-error);
    }
  `,
})
export class Simulator {
  private readonly store = inject(RulesStore);
  readonly registries = input<string[]>([]);
  protected readonly asking = signal(false);
  protected readonly answer = signal<Explanation | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly form = new FormGroup({
    account: new FormControl('', { nonNullable: true }),
    service: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    repository: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    pull: new FormControl(true, { nonNullable: true }),
    push: new FormControl(false, { nonNullable: true }),
    delete: new FormControl(false, { nonNullable: true }),
  });

  protected async ask(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    const actions = (['pull', 'push', 'delete'] as const).filter((a) => v[a]);
    this.asking.set(true);
    this.problem.set(null);
    try {
      this.answer.set(
        await this.store.explain({
          account: v.account.trim(),
          service: v.service,
          scope: [`repository:${v.repository.trim()}:${actions.join(',')}`],
        }),
      );
    } catch (error) {
      this.answer.set(null);
      this.problem.set(Problem.of(error));
    } finally {
      this.asking.set(false);
    }
  }
}
