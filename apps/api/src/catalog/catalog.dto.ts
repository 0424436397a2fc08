import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../common/optional';

export class TagDto {
  name!: string;
  digest!: string;
  mediaType!: string;
  size!: number;
  created!: string | null;
  platforms!: { os: string; architecture: string; variant?: string; digest: string }[];
}

export class RepositoryDto {
  id!: number;
  name!: string;
  description!: string;
  official!: boolean;
  automated!: boolean;
  starCount!: number;
  pullCount!: number;
  lastPulledAt!: string | null;
  firstSeenAt!: string;
  lastSeenAt!: string;
  tags!: TagDto[];
}

export class RepositoryPageDto {
  items!: RepositoryDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
}

export class RepositoryQueryDto {
  /** Only repositories whose name contains this. */
  @Optional()
  @IsString()
  @MaxLength(255)
  q?: string;

  /** The `nextCursor` of the previous page. */
  @Optional()
  @IsString()
  @MaxLength(255)
  cursor?: string;

  /** Page size, 1 to 100. */
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class DeletedTagsDto {
  digest!: string;
  /** Every tag that pointed at the deleted manifest. */
  tags!: string[];
}

export class UpdateRepositoryDto {
  /** Shown by `docker search` and the console. */
  @Optional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  /** The official flag `docker search --filter is-official` reads. */
  @Optional()
  @IsBoolean()
  official?: boolean;

  /** The automated flag (deprecated by docker, still shown). */
  @Optional()
  @IsBoolean()
  automated?: boolean;
}

export class StarDto {
  starred!: boolean;
  starCount!: number;
}

export class TagDetailDto extends TagDto {
  layers!: { digest: string; size: number; mediaType: string }[];
  history!: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[];
  firstSeenAt!: string;
  lastSeenAt!: string;
}

export class ActivityQueryDto {
  /** How many days back, today included (1 to 366, default 30). */
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;
}

export class ActivityDayDto {
  /** UTC day, YYYY-MM-DD. */
  day!: string;
  pushes!: number;
  pulls!: number;
}

/** Pushes and pulls the registry notified, per UTC day, oldest first, every day present. */
export class ActivityDto {
  registry!: string;
  days!: ActivityDayDto[];
}
