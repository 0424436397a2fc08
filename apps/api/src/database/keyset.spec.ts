import { AppError } from '../common/app-error';
import { type PageRequest, keyset, pageOf, sortOf } from './keyset';

const request = (sort: string, limit: number, cursor?: string): PageRequest => ({ sort: sortOf(sort), limit, cursor });

interface Row {
  id: number;
  name: string;
  createdAt: Date;
}

const rows: Row[] = [
  { id: 3, name: 'alpha', createdAt: new Date('2026-01-01T00:00:00Z') },
  { id: 1, name: 'beta', createdAt: new Date('2026-01-02T00:00:00Z') },
  { id: 2, name: 'beta', createdAt: new Date('2026-01-03T00:00:00Z') },
];

describe('keyset pagination', () => {
  it('should read sort directions', () => {
    expect(sortOf('name')).toEqual({ field: 'name', descending: false });
    expect(sortOf('-createdAt')).toEqual({ field: 'createdAt', descending: true });
  });

  it('should order by the field then the id, reading one row more than the page', () => {
    expect(keyset(request('-name', 2))).toEqual({
      where: {},
      orderBy: [{ name: 'desc' }, { id: 'desc' }],
      take: 3,
    });
    expect(keyset(request('id', 10)).orderBy).toEqual([{ id: 'asc' }]);
  });

  it('should continue after the last row of a page, ties broken by id', () => {
    const first = pageOf(rows.slice(0, 3), request('name', 2), (r) => r.id);
    expect(first.items).toEqual([3, 1]);
    expect(keyset(request('name', 2, first.nextCursor!)).where).toEqual({
      OR: [{ name: { gt: 'beta' } }, { name: 'beta', id: { gt: 1 } }],
    });
  });

  it('should carry dates in cursors, descending', () => {
    const page = pageOf([rows[2]!, rows[1]!], request('-createdAt', 1), (r) => r.id);
    expect(keyset(request('-createdAt', 1, page.nextCursor!)).where).toEqual({
      OR: [{ createdAt: { lt: rows[2]!.createdAt } }, { createdAt: rows[2]!.createdAt, id: { lt: 2 } }],
    });
  });

  it('should give no cursor on the last page', () => {
    expect(pageOf(rows, request('id', 3), (r) => r.id).nextCursor).toBeNull();
    expect(pageOf<Row, number>([], request('id', 3), (r) => r.id)).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['JSON that is not a cursor', Buffer.from('[1]').toString('base64url')],
    ['a date that is not one', Buffer.from(JSON.stringify({ s: 'name', v: { d: 'x' }, id: 1 })).toString('base64url')],
    ['an id that is an object', Buffer.from(JSON.stringify({ s: 'name', v: 'a', id: {} })).toString('base64url')],
  ])('should refuse %s with a validation error', (_, cursor) => {
    expect(() => keyset(request('name', 10, cursor))).toThrow(AppError);
  });

  it('should refuse a cursor made for another order', () => {
    const cursor = pageOf(rows, request('name', 1), (r) => r.id).nextCursor!;
    expect(() => keyset(request('-createdAt', 1, cursor))).toThrow(/cursor/);
  });
});
