import { Clipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { Problem } from '../core/problem';
import { type ConfirmData, ConfirmDialog } from '../shared/confirm-dialog';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { formatBytes, platformName, shortDigest } from '../shared/format';
import { ProblemBanner } from '../shared/problem-banner';
import { RepositoryStore, type Tag, tagsSharingDigest } from './repositories.store';

/** A repository: what it is, its tags, and deleting them. */
@Component({
  selector: 'pc-repository-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemBanner,
    DataTable,
    CellDef,
  ],
  providers: [RepositoryStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './repository-page.html',
  styleUrl: './repository-page.css',
})
export class RepositoryPage implements OnInit {
  protected readonly store = inject(RepositoryStore);
  private readonly dialog = inject(MatDialog);
  private readonly clipboard = inject(Clipboard);
  /** The route's registry id and repository name. */
  readonly id = input.required<string>();
  readonly repository = input.required<string>();
  protected readonly copied = signal<string | null>(null);
  protected readonly editing = signal(false);
  protected readonly editProblem = signal<Problem | null>(null);
  protected readonly details = new FormGroup({
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(2000)] }),
    official: new FormControl(false, { nonNullable: true }),
    automated: new FormControl(false, { nonNullable: true }),
  });
  protected readonly columns: Column<Tag>[] = [
    { key: 'name', header: 'Tag' },
    { key: 'size', header: 'Size', text: (t) => formatBytes(t.size) },
    { key: 'created', header: 'Created' },
    { key: 'platforms', header: 'Platforms', text: (t) => t.platforms.map(platformName).join(', ') || '—' },
    { key: 'digest', header: 'Digest' },
    { key: 'actions', header: '' },
  ];
  protected readonly shortDigest = shortDigest;
  protected readonly registryId = () => Number(this.id());

  ngOnInit(): void {
    void this.store.load(this.registryId(), this.repository());
  }

  protected edit(): void {
    const repository = this.store.repository();
    if (!repository) return;
    this.details.setValue({
      description: repository.description,
      official: repository.official,
      automated: repository.automated,
    });
    this.editProblem.set(null);
    this.editing.set(true);
  }

  protected async saveDetails(): Promise<void> {
    const repository = this.store.repository();
    if (!repository || this.details.invalid) return;
    this.editProblem.set(null);
    try {
      await this.store.update(this.registryId(), repository.name, this.details.getRawValue());
      this.editing.set(false);
    } catch (error) {
      this.editProblem.set(Problem.of(error));
    }
  }

  protected copy(digest: string): void {
    if (this.clipboard.copy(digest)) this.copied.set(digest);
  }

  /** Asks first, naming every other tag that goes with this one. */
  protected async delete(tag: Tag): Promise<void> {
    const repository = this.store.repository();
    if (!repository) return;
    const others = tagsSharingDigest(repository.tags, tag);
    const data: ConfirmData = {
      title: `Delete ${repository.name}:${tag.name}?`,
      lines: [
        `The registry deletes the manifest ${shortDigest(tag.digest)}; this cannot be undone.`,
        ...(others.length > 0
          ? [`These tags point to the same manifest and are deleted too: ${others.join(', ')}.`]
          : []),
      ],
      confirm: others.length > 0 ? `Delete ${others.length + 1} tags` : 'Delete tag',
    };
    const confirmed = await firstValueFrom(
      this.dialog.open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, { data }).afterClosed(),
    );
    if (confirmed === true) {
      await this.store.deleteTag(this.registryId(), repository.name, tag.name, others.length > 0);
    }
  }
}
