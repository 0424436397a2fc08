import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { SERVICE_PATTERN } from '@portcullis/domain';
import { NamedListQueryDto } from '../../common/list-query.dto';
import { Optional } from '../../common/optional';

export class CreateAccessTokenDto {
  /** What the token is for, e.g. `laptop` or `gitlab-ci`. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  /** Pull only (and read-only API calls). */
  @Optional()
  @IsBoolean()
  readOnly?: boolean;

  /** Registry services the token is valid for; all when empty or absent. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(SERVICE_PATTERN, { each: true, message: 'each of registries must be a registry service name' })
  registries?: string[];

  /** RFC 3339 expiry; none when absent. */
  @Optional()
  @IsDateString({ strict: true })
  expiresAt?: string;
}

export class AccessTokenDto {
  id!: string;
  name!: string;
  userId!: number;
  readOnly!: boolean;
  registries!: string[];
  expiresAt!: string | null;
  lastUsedAt!: string | null;
  createdAt!: string;
}

export class AccessTokenWithSecretDto extends AccessTokenDto {
  /** Shown once. Use it as the password of `docker login`, or as an API bearer token. */
  token!: string;
}

export const ACCESS_TOKEN_SORTS = ['-createdAt', 'createdAt', 'name', '-name'] as const;

export class AccessTokenListQueryDto extends NamedListQueryDto {
  /** The order: a field, `-` in front for descending (default `-createdAt`). */
  @Optional()
  @IsIn(ACCESS_TOKEN_SORTS)
  sort?: (typeof ACCESS_TOKEN_SORTS)[number];
}

export class AccessTokenPageDto {
  items!: AccessTokenDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
}
