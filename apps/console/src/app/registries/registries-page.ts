import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { SessionStore } from '../core/session.store';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { ProblemBanner } from '../shared/problem-banner';
import { RegistriesStore } from './registries.store';
import type { Registry } from './registry-form';

/** The declared registries, their discovery health, and the way to declare one more. */
@Component({
  selector: 'pc-registries-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemBanner,
    DataTable,
    CellDef,
  ],
  providers: [RegistriesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-actions">
      <h1>Registries</h1>
      <span class="spacer"></span>
      @if (session.isManager()) {
        <a mat-flat-button routerLink="/registries/new">Declare a registry</a>
      }
    </div>
    <mat-form-field appearance="outline" class="filter">
      <mat-label>Filter by service</mat-label>
      <input matInput type="search" [value]="query()" (input)="filter($any($event.target).value)" />
    </mat-form-field>
    <pc-problem [problem]="store.list.problem()" />
    @if (store.list.items().length === 0 && !store.list.loading() && !store.list.problem()) {
      <p class="empty">
        @if (query()) {
          No registry's service contains “{{ query() }}”.
        } @else {
          No registry is declared yet. Declare one, then point its <code>auth.token.realm</code> at Portcullis with the
          configuration it gives you.
        }
      </p>
    } @else {
      <pc-table [rows]="store.list.items()" [columns]="columns" caption="Declared registries" [list]="store.list">
        <ng-template pcCell="service" let-r>
          <a [routerLink]="['/registries', r.id]">{{ r.service }}</a>
        </ng-template>
        <ng-template pcCell="health" let-r>
          <span class="state" [attr.data-state]="r.discoveryState">{{ r.discoveryState }}</span>
          @if (r.lastDiscoveryAt) {
            <span class="muted"> · {{ r.lastDiscoveryAt | date: 'short' }}</span>
          }
        </ng-template>
      </pc-table>
    }
  `,
  styles: `
    .filter {
      width: min(24rem, 100%);
    }
    .empty {
      max-width: 40rem;
    }
    .state[data-state='ok'] {
      color: #047857;
    }
    .state[data-state='down'] {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
  `,
})
export class RegistriesPage implements OnInit {
  protected readonly store = inject(RegistriesStore);
  protected readonly session = inject(SessionStore);
  protected readonly query = this.store.query;
  protected readonly columns: Column<Registry>[] = [
    { key: 'service', header: 'Service' },
    { key: 'url', header: 'URL', text: (r) => r.url },
    { key: 'health', header: 'Discovery' },
    { key: 'repositories', header: 'Repositories', text: (r) => r.repositoryCount },
  ];

  ngOnInit(): void {
    void this.store.list.reload();
  }

  protected filter(text: string): void {
    this.query.set(text.trim());
    void this.store.list.reload();
  }
}
