import { ChangeDetectionStrategy, Component, OnInit, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import type { Schemas } from '@portcullis/api-client';
import { ADDRESSABLE_NAME_PATTERN } from '@portcullis/domain/names';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { dataOf } from '../core/problem';
import { type ConfirmData, ConfirmDialog } from '../shared/confirm-dialog';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { ProblemBanner } from '../shared/problem-banner';

type Group = Schemas['GroupDto'];

/** Groups: members get `groups/<name>/`, and groups publish and run registries and apps. */
@Component({
  selector: 'pc-groups-page',
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
    <h1>Groups</h1>
    <form [formGroup]="form" (ngSubmit)="create()" class="page-actions" aria-label="Create a group">
      <mat-form-field appearance="outline">
        <mat-label>New group</mat-label>
        <input matInput formControlName="name" placeholder="dev" />
        <mat-error>1-64 of a-z, 0-9, ".", "_", "-", not all digits</mat-error>
      </mat-form-field>
      <button mat-flat-button type="submit">Create group</button>
    </form>
    <pc-problem [problem]="list.problem()" />
    @if (list.items().length === 0 && !list.loading() && !list.problem()) {
      <p>No group yet. Create one, then add users to it.</p>
    } @else {
      <pc-table [rows]="list.items()" [columns]="columns" caption="Groups" [list]="list">
        <ng-template pcCell="actions" let-g>
          <button mat-button type="button" (click)="remove(g)" [attr.aria-label]="'Delete ' + g.name">Delete</button>
        </ng-template>
      </pc-table>
    }
  `,
})
export class GroupsPage implements OnInit {
  private readonly api = inject(Api).client;
  private readonly dialog = inject(MatDialog);
  protected readonly list = new PagedList<Group>((cursor) =>
    dataOf(this.api.GET('/api/v1/groups', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(ADDRESSABLE_NAME_PATTERN)],
    }),
  });
  private readonly name = this.form.controls.name;
  protected readonly columns: Column<Group>[] = [
    { key: 'name', header: 'Name', text: (g) => g.name },
    { key: 'members', header: 'Members', text: (g) => g.memberCount },
    { key: 'actions', header: '' },
  ];

  ngOnInit(): void {
    void this.list.reload();
  }

  protected async create(): Promise<void> {
    this.name.markAsTouched();
    if (this.name.invalid) return;
    const created = await this.list.change(() =>
      dataOf(this.api.POST('/api/v1/groups', { body: { name: this.name.value.trim() } })),
    );
    if (created) this.name.reset();
  }

  protected async remove(group: Group): Promise<void> {
    const data: ConfirmData = {
      title: `Delete the group ${group.name}?`,
      lines: [`Its ${group.memberCount} members lose what it gave them; registries and apps stop naming it.`],
      confirm: 'Delete group',
    };
    const confirmed = await firstValueFrom(
      this.dialog.open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, { data }).afterClosed(),
    );
    if (confirmed === true) {
      await this.list.change(() =>
        dataOf(this.api.DELETE('/api/v1/groups/{id}', { params: { path: { id: group.id } } })),
      );
    }
  }
}
