import { AppError, ErrorCode } from '../common/app-error';

/** A list's order: `name` ascending, `-name` descending; the id breaks ties. */
export interface Sort {
  readonly field: string;
  readonly descending: boolean;
}

export function sortOf(value: string): Sort {
  return value.startsWith('-') ? { field: value.slice(1), descending: true } : { field: value, descending: false };
}

/** One page to read: its order, where the previous page ended, and its size. */
export interface PageRequest {
  readonly sort: Sort;
  readonly cursor?: string | undefined;
  readonly limit: number;
}

type Id = number | string;
type Value = string | number | Date | null;

interface CursorPayload {
  /** The sort field the cursor was made for. */
  s: string;
  /** The last row's value of that field (a date as `{ d: iso }`). */
  v: string | number | { d: string } | null;
  id: Id;
}

const badCursor = () =>
  new AppError(ErrorCode.VALIDATION_FAILED, 'cursor: not a cursor from a previous page of this list');

function encodeCursor(sort: Sort, value: Value, id: Id): string {
  const payload: CursorPayload = { s: sort.field, v: value instanceof Date ? { d: value.toISOString() } : value, id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function decodeCursor(sort: Sort, cursor: string): { value: Value; id: Id } {
  let payload: CursorPayload;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
  } catch {
    throw badCursor();
  }
  if (typeof payload !== 'object' || payload === null || payload.s !== sort.field) throw badCursor();
  const { v, id } = payload;
  if (typeof id !== 'number' && typeof id !== 'string') throw badCursor();
  if (v === null || typeof v === 'string' || typeof v === 'number') return { value: v, id };
  const date = typeof v === 'object' && typeof v.d === 'string' ? new Date(v.d) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw badCursor();
  return { value: date, id };
}

/**
 * Keyset ("seek") pagination on (sort field, id): stable while rows come and go, one index range
 * scan a page, no OFFSET. Returns the `where` to AND with the list's filters, the `orderBy`, and
 * how many rows to read (one more than the page, to know whether another follows). Written here
 * because Prisma's own `cursor` option pages by a row that must still exist, and offsets drift.
 */
export function keyset<Where, OrderBy>({
  sort,
  cursor,
  limit,
}: PageRequest): {
  where: Where;
  orderBy: OrderBy[];
  take: number;
} {
  const order = sort.descending ? 'desc' : 'asc';
  const orderBy = (sort.field === 'id' ? [{ id: order }] : [{ [sort.field]: order }, { id: order }]) as OrderBy[];
  if (cursor === undefined) return { where: {} as Where, orderBy, take: limit + 1 };
  const after = decodeCursor(sort, cursor);
  const beyond = { [sort.descending ? 'lt' : 'gt']: after.id };
  const past = { [sort.descending ? 'lt' : 'gt']: after.value };
  const where = (
    sort.field === 'id' ? { id: beyond } : { OR: [{ [sort.field]: past }, { [sort.field]: after.value, id: beyond }] }
  ) as Where;
  return { where, orderBy, take: limit + 1 };
}

/** The page of `rows` read with `keyset`, and the cursor of the next one (null on the last). */
export function pageOf<Row extends { id: Id }, Item>(
  rows: readonly Row[],
  { sort, limit }: PageRequest,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last !== undefined
      ? encodeCursor(sort, (last as unknown as Record<string, Value>)[sort.field] ?? null, last.id)
      : null;
  return { items: page.map(toItem), nextCursor };
}
