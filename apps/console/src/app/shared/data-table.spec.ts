import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PagedList } from '../core/paged-list';
import { CellDef, type Column, DataTable } from './data-table';

interface Row {
  name: string;
  size: number;
}

@Component({
  imports: [DataTable, CellDef],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <pc-table [rows]="rows()" [columns]="columns" caption="Things" [list]="list">
      <ng-template pcCell="name" let-r
        ><a href="#">{{ r.name }}</a></ng-template
      >
    </pc-table>
  `,
})
class Host {
  readonly rows = signal<Row[]>([
    { name: 'a', size: 1 },
    { name: 'b', size: 22 },
  ]);
  readonly columns: Column<Row>[] = [
    { key: 'name', header: 'Name' },
    { key: 'size', header: 'Size', text: (r) => r.size },
    { key: 'actions', header: '' },
  ];
  readonly list = new PagedList<Row>(() => Promise.resolve({ items: [], nextCursor: 'next' }));
}

describe('DataTable', () => {
  it('should render a captioned table with text and template cells', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('caption')?.textContent?.trim()).toBe('Things');
    const headers = Array.from(element.querySelectorAll('th')).map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Name', 'Size', 'Actions']);
    expect(element.querySelector('th:last-child .visually-hidden')).not.toBeNull();
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['a', '1', ''],
      ['b', '22', ''],
    ]);
    expect(element.querySelectorAll('tbody a')).toHaveLength(2);
  });

  it('should offer "Show more" only while the list has another page', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('button')).toBeNull();
    await fixture.componentInstance.list.reload();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(element.querySelector('button')?.textContent?.trim()).toBe('Show more');
  });
});
