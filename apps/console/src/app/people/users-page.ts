import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Problem } from '../core/problem';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { ProblemBanner } from '../shared/problem-banner';
import { PRIVILEGES, type User, createUserBody, fillUserForm, updateUserBody, userForm } from './user-form';
import { UsersStore } from './users.store';

/** Users (admins): privileges, groups, admin, disabled. */
/** How each sign-in source reads in the console. */
const SOURCE_LABELS = { local: 'password', ldap: 'directory', oidc: 'single sign-on' } as const;
const SOURCES = Object.keys(SOURCE_LABELS) as (keyof typeof SOURCE_LABELS)[];

@Component({
  selector: 'pc-users-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemBanner,
    DataTable,
    CellDef,
  ],
  providers: [UsersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.html',
  styles: `
    form {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      gap: 0 0.75rem;
      max-width: 48rem;
      margin-bottom: 1rem;
    }
    .wide {
      grid-column: 1 / -1;
    }
    .filter {
      width: min(24rem, 100%);
    }
  `,
})
export class UsersPage implements OnInit {
  private readonly store = inject(UsersStore);
  protected readonly query = this.store.query;
  protected readonly list = this.store.list;
  protected readonly form = userForm();
  protected readonly privileges = PRIVILEGES;
  protected readonly sources = SOURCES;
  protected readonly sourceLabels = SOURCE_LABELS;
  /** The user being edited, `new`, or null when the form is closed. */
  protected readonly editing = signal<User | 'new' | null>(null);
  protected readonly formProblem = signal<Problem | null>(null);
  protected readonly columns: Column<User>[] = [
    { key: 'name', header: 'Name' },
    {
      key: 'privileges',
      header: 'Privileges',
      text: (u) => u.privileges.join(', ').replaceAll('DockerRegistries', ''),
    },
    { key: 'groups', header: 'Groups', text: (u) => u.groups.join(', ') },
    { key: 'source', header: 'Signs in with', text: (u) => SOURCE_LABELS[u.source] },
    {
      key: 'state',
      header: 'State',
      text: (u) => (u.disabled ? 'disabled' : u.sourceDisabled ? `gone from ${SOURCE_LABELS[u.source]}` : 'active'),
    },
    { key: 'actions', header: '' },
  ];

  ngOnInit(): void {
    void this.list.reload();
  }

  protected filter(text: string): void {
    void this.store.filter(text);
  }

  protected edit(user: User | null): void {
    this.form.reset();
    this.form.controls.name.enable();
    this.form.controls.password.setValidators(userForm().controls.password.validator);
    this.form.controls.password.updateValueAndValidity();
    if (user) fillUserForm(this.form, user);
    this.formProblem.set(null);
    this.editing.set(user ?? 'new');
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    const editing = this.editing();
    if (this.form.invalid || editing === null) return;
    this.formProblem.set(null);
    try {
      if (editing === 'new') await this.store.create(createUserBody(this.form));
      else await this.store.update(editing.id, updateUserBody(this.form, editing));
      this.editing.set(null);
    } catch (error) {
      this.formProblem.set(Problem.of(error));
    }
  }

  protected setDisabled(user: User, disabled: boolean): Promise<void> {
    return this.store.setDisabled(user.id, disabled);
  }
}
