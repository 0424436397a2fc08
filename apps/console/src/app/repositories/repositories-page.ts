import { ChangeDetectionStrategy, Component, OnInit, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { ProblemBanner } from '../shared/problem-banner';
import { RepositoriesStore } from './repositories.store';

/** A registry's repositories the user may pull, searchable by name. */
@Component({
  selector: 'pc-repositories-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatTableModule, ProblemBanner],
  providers: [RepositoriesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p><a [routerLink]="['/registries', id()]">← Registry</a></p>
    <h1>Repositories</h1>
    <mat-form-field appearance="outline" class="filter">
      <mat-label>Filter by name</mat-label>
      <input matInput type="search" [value]="query()" (input)="filter($any($event.target).value)" />
    </mat-form-field>
    <pc-problem [problem]="store.list.problem()" />
    @if (store.list.items().length === 0 && !store.list.loading() && !store.list.problem()) {
      <p>
        @if (query()) {
          No repository you may pull has “{{ query() }}” in its name.
        } @else {
          No repository you may pull is known yet. Push an image, or run a discovery from the registry's page.
        }
      </p>
    } @else {
      <div class="table-scroll">
        <table mat-table [dataSource]="store.list.items()">
          <caption class="visually-hidden">
            Repositories
          </caption>
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef scope="col">Name</th>
            <td mat-cell *matCellDef="let r">
              <a [routerLink]="['/registries', id(), 'repositories', r.name]">{{ r.name }}</a>
              @if (r.official) {
                <span class="badge">official</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="tags">
            <th mat-header-cell *matHeaderCellDef scope="col">Tags</th>
            <td mat-cell *matCellDef="let r">{{ r.tags.length }}</td>
          </ng-container>
          <ng-container matColumnDef="pulls">
            <th mat-header-cell *matHeaderCellDef scope="col">Pulls</th>
            <td mat-cell *matCellDef="let r">{{ r.pullCount }}</td>
          </ng-container>
          <ng-container matColumnDef="description">
            <th mat-header-cell *matHeaderCellDef scope="col">Description</th>
            <td mat-cell *matCellDef="let r" class="muted">{{ r.description }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      </div>
      @if (store.list.nextCursor()) {
        <button mat-stroked-button type="button" (click)="store.list.more()">Show more</button>
      }
    }
  `,
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
  protected readonly columns = ['name', 'tags', 'pulls', 'description'];

  ngOnInit(): void {
    this.store.registryId.set(Number(this.id()));
    void this.store.list.reload();
  }

  protected filter(text: string): void {
    this.query.set(text.trim());
    void this.store.list.reload();
  }
}
