import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ADDRESSABLE_NAME_PATTERN } from '@portcullis/domain/names';
import { Problem } from '../core/problem';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { eachItem, listOf } from '../shared/list-input';
import { ProblemBanner } from '../shared/problem-banner';
import { type App, AppsStore } from './apps.store';
import { groupNameProblem } from './user-form';

/** Apps: `apps/<name>/` repositories, pushed by responsible groups and pulled by publication groups. */
@Component({
  selector: 'pc-apps-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemBanner,
    DataTable,
    CellDef,
  ],
  providers: [AppsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './apps-page.html',
  styles: `
    form {
      display: grid;
      gap: 0.25rem;
      max-width: 40rem;
      margin-bottom: 1rem;
    }
  `,
})
export class AppsPage implements OnInit {
  private readonly store = inject(AppsStore);
  protected readonly list = this.store.list;
  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(ADDRESSABLE_NAME_PATTERN)],
    }),
    responsibles: new FormControl('', { nonNullable: true, validators: [eachItem(groupNameProblem)] }),
    publications: new FormControl('', { nonNullable: true, validators: [eachItem(groupNameProblem)] }),
  });
  protected readonly editing = signal<App | 'new' | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly columns: Column<App>[] = [
    { key: 'name', header: 'Name', text: (a) => a.name },
    { key: 'responsibles', header: 'Responsibles', text: (a) => a.responsibles.join(', ') },
    { key: 'publications', header: 'Publications', text: (a) => a.publications.join(', ') },
    { key: 'actions', header: '' },
  ];

  ngOnInit(): void {
    void this.list.reload();
  }

  protected edit(app: App | null): void {
    this.form.reset();
    if (app) {
      this.form.setValue({
        name: app.name,
        responsibles: app.responsibles.join(', '),
        publications: app.publications.join(', '),
      });
    }
    this.problem.set(null);
    this.editing.set(app ?? 'new');
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    const editing = this.editing();
    if (this.form.invalid || editing === null) return;
    const v = this.form.getRawValue();
    const body = { name: v.name.trim(), responsibles: listOf(v.responsibles), publications: listOf(v.publications) };
    this.problem.set(null);
    try {
      await this.store.save(editing, body);
      this.editing.set(null);
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }
}
