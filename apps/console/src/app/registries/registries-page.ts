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
  templateUrl: './registries-page.html',
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
