import { IsString } from 'class-validator';
import { IsObjectName } from '../../common/names';

export class CreateGroupDto {
  /** Unique group name; `groups/<name>/` repositories belong to its members. */
  @IsString()
  @IsObjectName()
  name!: string;
}

export class GroupDto {
  id!: number;
  name!: string;
  memberCount!: number;
  createdAt!: string;
}
