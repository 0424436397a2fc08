import { ChangeDetectionStrategy, Component, OnInit, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { ProblemBanner } from '../shared/problem-banner';
import { RepositoriesStore, type Repository } from './repositories.store';

/** A registry's repositories the user may pull, searchable by name. */
@Component({
  selector: 'pc-repositories-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemBanner, DataTable, CellDef],
  providers: [RepositoriesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './repositories-page.html',
  styles: `
    .filter {
      width: min(24rem, 100%);
    }
    .badge {
      margin-left: 0.5rem;
      font: var(--mat-sys-label-small);
      padding: 0 0.4rem;
      border-radius: 4px;
      background: var(--mat-sys-tertiary-container);
    }
  `,
})
export class RepositoriesPage implements OnInit {
  protected readonly store = inject(RepositoriesStore);
  /** The route's registry id. */
  readonly id = input.required<string>();
  protected readonly query = this.store.query;
  protected readonly columns: Column<Repository>[] = [
    { key: 'name', header: 'Name' },
    { key: 'tags', header: 'Tags', text: (r) => r.tags.length },
    { key: 'pulls', header: 'Pulls', text: (r) => r.pullCount },
    { key: 'description', header: 'Description', text: (r) => r.description },
  ];

  ngOnInit(): void {
    this.store.registryId.set(Number(this.id()));
    void this.store.list.reload();
  }

  protected filter(text: string): void {
    this.query.set(text.trim());
    void this.store.list.reload();
  }
}
