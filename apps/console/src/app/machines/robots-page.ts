import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Problem } from '../core/problem';
import { RegistryHosts } from '../core/registry-hosts';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { ProblemBanner } from '../shared/problem-banner';
import { SecretOnce } from '../shared/secret-once';
import { createRobotBody, robotForm } from './robot-form';
import { type Robot, RobotsStore } from './robots.store';

/** CI robots: machine logins scoped to repository patterns of an app, with a secret shown once. */
@Component({
  selector: 'pc-robots-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemBanner,
    DataTable,
    CellDef,
    SecretOnce,
  ],
  providers: [RobotsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './robots-page.html',
  styles: `
    form {
      display: grid;
      gap: 0.25rem;
      max-width: 40rem;
      margin-bottom: 1.5rem;
    }
    fieldset {
      border: none;
      padding: 0;
      margin: 0 0 0.75rem;
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
    }
    legend {
      font: var(--mat-sys-body-medium);
      margin-bottom: 0.25rem;
    }
  `,
})
export class RobotsPage implements OnInit {
  protected readonly store = inject(RobotsStore);
  protected readonly form = robotForm();
  protected readonly creating = signal(false);
  protected readonly saving = signal(false);
  protected readonly formProblem = signal<Problem | null>(null);
  private readonly registryHosts = inject(RegistryHosts);
  /** Where a new secret signs docker in. */
  protected readonly hosts = computed(() => this.registryHosts.hostsFor(undefined));
  protected readonly columns: Column<Robot>[] = [
    { key: 'login', header: 'Login' },
    { key: 'app', header: 'App', text: (r) => r.app },
    {
      key: 'permissions',
      header: 'May',
      text: (r) => r.permissions.map((p) => `${p.repositories}: ${p.actions.join(', ')}`).join('; '),
    },
    { key: 'state', header: 'State' },
    { key: 'lastUsed', header: 'Last used' },
    { key: 'actions', header: '' },
  ];

  ngOnInit(): void {
    void this.store.load();
    void this.registryHosts.load();
  }

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.saving.set(true);
    this.formProblem.set(null);
    try {
      await this.store.create(createRobotBody(this.form));
      this.form.reset();
      this.creating.set(false);
    } catch (error) {
      this.formProblem.set(Problem.of(error));
    } finally {
      this.saving.set(false);
    }
  }
}
