import { IsIn, IsString } from 'class-validator';
import { NamedListQueryDto } from '../../common/list-query.dto';
import { IsAddressableName } from '../../common/names';
import { Optional } from '../../common/optional';

export class CreateGroupDto {
  /** Unique group name, not all digits; `groups/<name>/` repositories belong to its members. */
  @IsString()
  @IsAddressableName()
  name!: string;
}

export class GroupDto {
  id!: number;
  name!: string;
  memberCount!: number;
  createdAt!: string;
}

export const GROUP_SORTS = ['name', '-name', 'id', '-id', 'createdAt', '-createdAt'] as const;

export class GroupListQueryDto extends NamedListQueryDto {
  /** The order: a field, `-` in front for descending (default `name`). */
  @Optional()
  @IsIn(GROUP_SORTS)
  sort?: (typeof GROUP_SORTS)[number];
}

export class GroupPageDto {
  items!: GroupDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
}
