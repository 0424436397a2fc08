import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Problem } from '../core/problem';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { ProblemBanner } from '../shared/problem-banner';
import { type AuditEvent, auditCsv } from './audit-csv';
import { type AuditFilter, AuditStore, EXPORT_LIMIT } from './audit.store';

const CATEGORIES = ['token', 'change', 'login'] as const;
const OUTCOMES = ['granted', 'partial', 'denied', 'refused', 'ok', 'failed'] as const;

/** Every decision and change, newest first: filter it, page through it, export it as CSV. */
@Component({
  selector: 'pc-audit-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemBanner,
    DataTable,
    CellDef,
  ],
  providers: [AuditStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.html',
  styles: `
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
      align-items: baseline;
    }
    form mat-form-field {
      width: 11rem;
    }
    .outcome[data-outcome='denied'],
    .outcome[data-outcome='refused'],
    .outcome[data-outcome='failed'] {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    .clause {
      display: inline-block;
      max-width: 28rem;
    }
  `,
})
export class AuditPage implements OnInit {
  protected readonly store = inject(AuditStore);
  protected readonly categories = CATEGORIES;
  protected readonly outcomes = OUTCOMES;
  protected readonly columns: Column<AuditEvent>[] = [
    { key: 'at', header: 'When' },
    { key: 'category', header: 'Category', text: (e) => e.category },
    { key: 'actor', header: 'Who', text: (e) => e.actor || '(anonymous)' },
    { key: 'action', header: 'Action', text: (e) => (e.count > 1 ? `${e.action} ×${e.count}` : e.action) },
    { key: 'target', header: 'On' },
    { key: 'outcome', header: 'Outcome' },
    { key: 'clause', header: 'Why' },
  ];
  protected readonly exporting = signal(false);
  protected readonly exportNote = signal<string | null>(null);
  protected readonly form = new FormGroup({
    category: new FormControl<(typeof CATEGORIES)[number] | ''>('', { nonNullable: true }),
    outcome: new FormControl<(typeof OUTCOMES)[number] | ''>('', { nonNullable: true }),
    actor: new FormControl('', { nonNullable: true }),
    registry: new FormControl('', { nonNullable: true }),
    since: new FormControl('', { nonNullable: true }),
    until: new FormControl('', { nonNullable: true }),
  });

  ngOnInit(): void {
    void this.store.list.reload();
  }

  /** The filter as the API takes it: empty fields left out, dates as whole days (UTC). */
  protected filter(): AuditFilter {
    const v = this.form.getRawValue();
    return {
      ...(v.category ? { category: v.category } : {}),
      ...(v.outcome ? { outcome: v.outcome } : {}),
      ...(v.actor.trim() ? { actor: v.actor.trim() } : {}),
      ...(v.registry.trim() ? { registry: v.registry.trim() } : {}),
      ...(v.since ? { since: `${v.since}T00:00:00Z` } : {}),
      ...(v.until ? { until: `${v.until}T23:59:59.999Z` } : {}),
    };
  }

  protected apply(): void {
    this.store.filter.set(this.filter());
    void this.store.list.reload();
  }

  protected async export(): Promise<void> {
    this.exporting.set(true);
    this.exportNote.set(null);
    try {
      const { events, complete } = await this.store.all(this.filter());
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([auditCsv(events)], { type: 'text/csv' }));
      link.download = `portcullis-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
      this.exportNote.set(
        complete
          ? `Exported ${events.length} events.`
          : `Exported the newest ${EXPORT_LIMIT} events; narrow the filter (dates) for the rest.`,
      );
    } catch (error) {
      this.store.list.problem.set(Problem.of(error));
    } finally {
      this.exporting.set(false);
    }
  }
}
