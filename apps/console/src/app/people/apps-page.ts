import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Schemas } from '@portcullis/api-client';
import { ADDRESSABLE_NAME_PATTERN } from '@portcullis/domain/names';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { Problem, dataOf } from '../core/problem';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { eachItem, listOf } from '../shared/list-input';
import { ProblemBanner } from '../shared/problem-banner';
import { groupNameProblem } from './user-form';

type App = Schemas['AppDto'];

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
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-actions">
      <h1>Apps</h1>
      <span class="spacer"></span>
      <button mat-flat-button type="button" (click)="edit(null)">New app</button>
    </div>
    @let current = editing();
    @if (current !== null) {
      <pc-problem [problem]="problem()" />
      <form
        [formGroup]="form"
        (ngSubmit)="save()"
        novalidate
        [attr.aria-label]="current === 'new' ? 'New app' : 'Edit app'"
      >
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" placeholder="shop" />
          <mat-error>1-64 of a-z, 0-9, ".", "_", "-", not all digits</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Responsibles</mat-label>
          <input matInput formControlName="responsibles" placeholder="shop-team" />
          <mat-hint>Groups that push apps/&lt;name&gt;/, comma-separated.</mat-hint>
          <mat-error>{{ form.controls.responsibles.getError('item') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Publications</mat-label>
          <input matInput formControlName="publications" placeholder="qa" />
          <mat-hint>Groups that pull apps/&lt;name&gt;/, comma-separated.</mat-hint>
          <mat-error>{{ form.controls.publications.getError('item') }}</mat-error>
        </mat-form-field>
        <div class="page-actions">
          <button mat-flat-button type="submit">Save app</button>
          <button mat-button type="button" (click)="editing.set(null)">Cancel</button>
        </div>
      </form>
    }
    <pc-problem [problem]="list.problem()" />
    @if (list.items().length === 0 && !list.loading() && !list.problem()) {
      <p>No app yet. An app owns the apps/&lt;name&gt;/ repositories, its services and its robots.</p>
    } @else {
      <pc-table [rows]="list.items()" [columns]="columns" caption="Apps" [list]="list">
        <ng-template pcCell="actions" let-a>
          <button mat-button type="button" (click)="edit(a)" [attr.aria-label]="'Edit ' + a.name">Edit</button>
        </ng-template>
      </pc-table>
    }
  `,
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
  private readonly api = inject(Api).client;
  protected readonly list = new PagedList<App>((cursor) =>
    dataOf(this.api.GET('/api/v1/apps', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
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
      if (editing === 'new') await dataOf(this.api.POST('/api/v1/apps', { body }));
      else await dataOf(this.api.PATCH('/api/v1/apps/{id}', { params: { path: { id: editing.id } }, body }));
      this.editing.set(null);
      await this.list.reload();
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }
}
