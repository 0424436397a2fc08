import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Optional } from './optional';

export const DEFAULT_PAGE_SIZE = 50;

/** `limit` and `cursor`, the query of every list endpoint. */
export class ListQueryDto {
  /** Page size, 1 to 100 (default 50). */
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** The `nextCursor` of the previous page (with the same `sort`). */
  @Optional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/** Lists of named things also filter by name. */
export class NamedListQueryDto extends ListQueryDto {
  /** Only those whose name contains this, in any case. */
  @Optional()
  @IsString()
  @MaxLength(255)
  q?: string;
}
