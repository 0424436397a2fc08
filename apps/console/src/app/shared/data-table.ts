import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  TemplateRef,
  computed,
  contentChildren,
  inject,
  input,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import type { PagedList } from '../core/paged-list';

/** A column: its key, its header (empty for an actions column, named for screen readers only). */
export interface Column<T> {
  key: string;
  header: string;
  /** The cell's text, when no `pcCell` template is given for the column. */
  text?: (row: T) => string | number;
}

/** The content of a column's cells: `<ng-template pcCell="name" let-row>…</ng-template>`. */
@Directive({ selector: 'ng-template[pcCell]' })
export class CellDef {
  readonly pcCell = input.required<string>();
  readonly template = inject<TemplateRef<{ $implicit: unknown }>>(TemplateRef);
}

/**
 * The console's tables: a Material table that scrolls sideways on a phone, a caption for screen
 * readers, cells as text or templates, and "Show more" when its list has another page.
 */
@Component({
  selector: 'pc-table',
  imports: [NgTemplateOutlet, MatButtonModule, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './data-table.html',
})
export class DataTable<T> {
  readonly rows = input.required<T[]>();
  readonly columns = input.required<Column<T>[]>();
  readonly caption = input.required<string>();
  /** The paged list the rows come from, for "Show more". */
  readonly list = input<PagedList<T> | null>(null);
  readonly more = input('Show more');
  private readonly cells = contentChildren(CellDef);
  protected readonly keys = computed(() => this.columns().map((c) => c.key));
  protected readonly templates = computed(() => new Map(this.cells().map((c) => [c.pcCell(), c.template])));
}
