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
  template: `
    <section aria-labelledby="simulator-title" class="simulator">
      <h2 id="simulator-title">Policy simulator</h2>
      <form [formGroup]="form" (ngSubmit)="ask()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>Who</mat-label>
          <input matInput formControlName="account" placeholder="alice, service/web1, robot/ci-shop" />
          <mat-hint>Empty: anonymous.</mat-hint>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Registry</mat-label>
          <mat-select formControlName="service">
            @for (service of registries(); track service) {
              <mat-option [value]="service">{{ service }}</mat-option>
            }
          </mat-select>
          <mat-error>Choose a registry</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Repository</mat-label>
          <input matInput formControlName="repository" placeholder="apps/shop/web" />
          <mat-error>Enter a repository name</mat-error>
        </mat-form-field>
        <div class="actions" role="group" aria-label="Actions to ask for">
          <mat-checkbox formControlName="pull">pull</mat-checkbox>
          <mat-checkbox formControlName="push">push</mat-checkbox>
          <mat-checkbox formControlName="delete">delete</mat-checkbox>
        </div>
        <button mat-flat-button type="submit" [disabled]="asking()">Ask</button>
      </form>
      <pc-problem [problem]="problem()" />
      @if (answer(); as a) {
        <div class="answer" role="status" aria-live="polite">
          @for (resource of a.resources; track resource.name) {
            <p>
              <strong>{{ a.account || 'anonymous' }}</strong> gets
              <strong>{{ resource.granted.length > 0 ? resource.granted.join(', ') : 'nothing' }}</strong>
              on {{ resource.name }}.
            </p>
            <ul>
              @for (d of resource.decisions; track d.action) {
                <li [class.denied]="!d.granted">{{ d.granted ? 'yes' : 'no' }} · {{ d.action }}: {{ d.clause }}</li>
              }
            </ul>
          }
        </div>
      }
    </section>
  `,
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
