import { PagedList } from './paged-list';
import { Problem } from './problem';

describe('PagedList', () => {
  it('should show the first page, add the next ones, and start over on reload', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      first: { items: [1, 2], nextCursor: 'b' },
      b: { items: [3], nextCursor: null },
    };
    const list = new PagedList<number>((cursor) => Promise.resolve(pages[cursor ?? 'first']));
    await list.reload();
    expect(list.items()).toEqual([1, 2]);
    expect(list.nextCursor()).toBe('b');
    await list.more();
    expect(list.items()).toEqual([1, 2, 3]);
    expect(list.nextCursor()).toBeNull();
    await list.more();
    expect(list.items()).toEqual([1, 2, 3]);
    await list.reload();
    expect(list.items()).toEqual([1, 2]);
  });

  it('should keep what it showed and say what went wrong', async () => {
    let fail = false;
    const list = new PagedList<number>(() =>
      fail
        ? Promise.reject(new Problem('No', 403, 'FORBIDDEN', 'c-1'))
        : Promise.resolve({ items: [1], nextCursor: null }),
    );
    await list.reload();
    fail = true;
    await list.reload();
    expect(list.items()).toEqual([1]);
    expect(list.problem()).toMatchObject({ status: 403, correlationId: 'c-1' });
    expect(list.loading()).toBe(false);
  });

  it('should reload after a change, and show a refused change as its problem', async () => {
    let items = [1];
    const list = new PagedList<number>(() => Promise.resolve({ items, nextCursor: null }));
    await list.reload();
    const created = await list.change(() => {
      items = [1, 2];
      return Promise.resolve('created');
    });
    expect(created).toBe('created');
    expect(list.items()).toEqual([1, 2]);
    const refused = await list.change(() => Promise.reject(new Problem('Taken', 409, 'GROUP_NAME_TAKEN', 'c-2')));
    expect(refused).toBeUndefined();
    expect(list.problem()).toMatchObject({ code: 'GROUP_NAME_TAKEN' });
    expect(list.items()).toEqual([1, 2]);
  });
});
