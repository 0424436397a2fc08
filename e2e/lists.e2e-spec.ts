import {
  RunningPortcullis,
  TEST_ADMIN_PASSWORD,
  TestDatabase,
  createTestDatabase,
  startPortcullis,
} from '@portcullis/testing';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every list endpoint pages with `limit` and an opaque cursor, sorts and filters (the API conventions). */
describe('List endpoints: cursor pages, sort and filters', () => {
  let db: TestDatabase;
  let portcullis: RunningPortcullis;
  let admin: Record<string, string>;

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${portcullis.url}/api/v1${path}`, { ...init, headers: admin });
  const page = async <T>(path: string): Promise<Page<T>> => {
    const response = await api(path);
    expect(response.status).toBe(200);
    return (await response.json()) as Page<T>;
  };
  /** Every item of a list, page after page. */
  const walk = async <T>(path: string, limit: number): Promise<{ items: T[]; pages: number }> => {
    const items: T[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const next: Page<T> = await page<T>(
        `${path}${separator}limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      items.push(...next.items);
      cursor = next.nextCursor;
      pages++;
    } while (cursor !== null && pages < 50);
    return { items, pages };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    portcullis = await startPortcullis({ DATABASE_URL: db.url });
    admin = await portcullis.apiHeaders('admin', TEST_ADMIN_PASSWORD);
    const yaml = `
groups: [${Array.from({ length: 7 }, (_, i) => `{ name: team-${i} }`).join(', ')}, { name: other }]
users:
  - { name: ann, password: ann-password, groups: [team-1] }
  - { name: ben, password: ben-password, disabled: true }
  - { name: cid, password: cid-password, admin: true }
apps: [{ name: shop }, { name: blog }]
services:
  - { name: web1, app: shop, secret: web1-secret }
  - { name: web2, app: shop, secret: web2-secret }
  - { name: feed, app: blog, secret: feed-secret }
`;
    expect((await api('/config/apply', { method: 'POST', body: JSON.stringify({ yaml }) })).status).toBe(200);
  });

  afterAll(async () => {
    await portcullis?.close();
    await db?.drop();
  });

  it('should walk a list page by page, each item once, in order', async () => {
    const { items, pages } = await walk<{ name: string }>('/groups', 3);
    expect(items.map((g) => g.name)).toEqual(['other', ...Array.from({ length: 7 }, (_, i) => `team-${i}`)]);
    expect(pages).toBe(3);
  });

  it('should sort descending and filter by name, in any case', async () => {
    const { items } = await walk<{ name: string }>('/groups?sort=-name&q=TEAM', 4);
    expect(items.map((g) => g.name)).toEqual(Array.from({ length: 7 }, (_, i) => `team-${6 - i}`));
  });

  it('should keep its place when rows come and go between pages', async () => {
    const first = await page<{ name: string }>('/groups?limit=2');
    expect(first.items.map((g) => g.name)).toEqual(['other', 'team-0']);
    const created = await api('/groups', { method: 'POST', body: JSON.stringify({ name: 'aaa-new' }) });
    expect(created.status).toBe(201);
    const second = await page<{ name: string }>(`/groups?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((g) => g.name)).toEqual(['team-1', 'team-2']);
  });

  it('should filter users by flags and group', async () => {
    const names = async (query: string) => (await page<{ name: string }>(`/users?${query}`)).items.map((u) => u.name);
    expect(await names('disabled=true')).toEqual(['ben']);
    expect(await names('isAdmin=true&sort=name')).toEqual(['admin', 'cid']);
    expect(await names('group=team-1')).toEqual(['ann']);
  });

  it('should filter services by app and by revocation', async () => {
    const names = async (query: string) =>
      (await page<{ name: string }>(`/services?${query}`)).items.map((s) => s.name);
    expect(await names('app=shop')).toEqual(['web1', 'web2']);
    const web2 = (await page<{ id: number; name: string }>('/services?q=web2')).items[0]!;
    expect((await api(`/services/${web2.id}/revoke`, { method: 'POST' })).status).toBe(200);
    expect(await names('revoked=true')).toEqual(['web2']);
    expect(await names('revoked=false&sort=-name')).toEqual(['web1', 'feed']);
  });

  it.each([
    ['a cursor that is not one', '/groups?cursor=garbage'],
    ['a cursor of another order', 'CURSOR_OF_NAME_ORDER'],
    ['a limit of 0', '/groups?limit=0'],
    ['a limit of 101', '/groups?limit=101'],
    ['an unknown sort', '/groups?sort=password'],
    ['a boolean that is not one', '/users?disabled=yes'],
  ])('should answer %s with 400', async (_, path) => {
    let target = path;
    if (path === 'CURSOR_OF_NAME_ORDER') {
      const first = await page<unknown>('/groups?limit=1&sort=name');
      target = `/groups?sort=-createdAt&cursor=${first.nextCursor}`;
    }
    const response = await api(target);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
