import { IsIn, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../common/list-query.dto';
import { Optional } from '../../common/optional';

export class RefreshTokenDto {
  id!: string;
  userId!: number;
  /** The registry service the token was issued for. */
  service!: string;
  /** The `client_id` the client sent (`docker`, `containerd-client`, …). */
  clientId!: string | null;
  createdAt!: string;
  lastUsedAt!: string | null;
}

export const REFRESH_TOKEN_SORTS = ['-createdAt', 'createdAt'] as const;

export class RefreshTokenListQueryDto extends ListQueryDto {
  /** The order: a field, `-` in front for descending (default `-createdAt`). */
  @Optional()
  @IsIn(REFRESH_TOKEN_SORTS)
  sort?: (typeof REFRESH_TOKEN_SORTS)[number];

  /** Only the tokens of this registry service. */
  @Optional()
  @IsString()
  @MaxLength(255)
  service?: string;
}

export class RefreshTokenPageDto {
  items!: RefreshTokenDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
}
