import { ChangeDetectionStrategy, Component, OnInit, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ADDRESSABLE_NAME_PATTERN } from '@portcullis/domain/names';
import { type ConfirmData, ConfirmDialog } from '../shared/confirm-dialog';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { ProblemBanner } from '../shared/problem-banner';
import { type Group, GroupsStore } from './groups.store';

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
  providers: [GroupsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './groups-page.html',
})
export class GroupsPage implements OnInit {
  private readonly store = inject(GroupsStore);
  private readonly dialog = inject(MatDialog);
  protected readonly list = this.store.list;
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
    if (await this.store.create(this.name.value.trim())) this.name.reset();
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
    if (confirmed === true) await this.store.remove(group.id);
  }
}
