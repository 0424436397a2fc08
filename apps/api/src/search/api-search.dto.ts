import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Optional } from '../common/optional';

export class ApiSearchQueryDto {
  /** What to look for; `docker:` in front limits the search to repositories and tags. */
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  q!: string;

  /** At most this many results, 1 to 100. */
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class SearchHitDto {
  /** user, group, app, registry, repository or tag. */
  kind!: string;
  id!: number;
  name!: string;
  /** For repositories and tags: the registry's service. */
  registry!: string | null;
  /** For tags: their repository. */
  repository!: string | null;
  /** 0 exact, 1 prefix, 2 substring. */
  rank!: number;
}

export class SearchResultsDto {
  query!: string;
  items!: SearchHitDto[];
}
