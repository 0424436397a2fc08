import { Transform } from 'class-transformer';
import { DEFAULT_PAGE_SIZE, type ListQueryDto } from '../common/list-query.dto';
import { type PageRequest, sortOf } from './keyset';

/** `true` and `false` in a query string, as booleans (anything else fails validation). */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** The page a list query asks for; `sort` is one of the list's allowed values, else `defaultSort`. */
export function pageRequestOf(query: ListQueryDto & { sort?: string }, defaultSort: string): PageRequest {
  return { sort: sortOf(query.sort ?? defaultSort), cursor: query.cursor, limit: query.limit ?? DEFAULT_PAGE_SIZE };
}

/** A name filter for Prisma: contains, in any case. */
export function nameContains(q: string | undefined): { contains: string; mode: 'insensitive' } | undefined {
  return q === undefined || q === '' ? undefined : { contains: q, mode: 'insensitive' };
}
