import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 50;

/** `limit` and `cursor`, the query of every list endpoint. */
export class ListQueryDto {
  /** Page size, 1 to 100 (default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** The `nextCursor` of the previous page (with the same `sort`). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/** Lists of named things also filter by name. */
export class NamedListQueryDto extends ListQueryDto {
  /** Only those whose name contains this, in any case. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  q?: string;
}
