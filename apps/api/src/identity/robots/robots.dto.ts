import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsObject,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsObjectName } from '../../common/names';
import { Optional, OptionalOrNull } from '../../common/optional';
import { MachineListQueryDto } from '../machine-list.dto';

export const ROBOT_ACTIONS = ['pull', 'push', 'delete', '*'] as const;

export class RobotPermissionDto {
  /** Repository pattern: a glob (`*` one segment, `**` any depth) or an anchored `/regex/`. */
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  repositories!: string;

  /** Actions on matching repositories: pull, push, delete, or `*` for all. */
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROBOT_ACTIONS, { each: true, message: `each action must be one of ${ROBOT_ACTIONS.join(', ')}` })
  actions!: string[];
}

export class CreateRobotDto {
  /** Unique name; the docker login is `robot/<name>`. */
  @IsString()
  @IsObjectName()
  name!: string;

  /** The app that owns the robot. */
  @IsString()
  @IsObjectName()
  app!: string;

  /** What the robot may do; patterns stay inside `apps/<app>/` unless an admin creates it. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RobotPermissionDto)
  permissions!: RobotPermissionDto[];

  /** A secret of your choosing (8 to 1024 characters); generated when absent. */
  @Optional()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  secret?: string;

  /** RFC 3339 time after which the robot gets nothing. */
  @Optional()
  @IsDateString({ strict: true })
  expiresAt?: string;
}

export class UpdateRobotDto {
  /** Replaces the permission list. */
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RobotPermissionDto)
  permissions?: RobotPermissionDto[];

  /** RFC 3339 expiry, or null for none. */
  @OptionalOrNull()
  @IsDateString({ strict: true })
  expiresAt?: string | null;
}

export class RobotDto {
  id!: number;
  name!: string;
  login!: string;
  app!: string;
  permissions!: RobotPermissionDto[];
  expiresAt!: string | null;
  revoked!: boolean;
  lastUsedAt!: string | null;
  createdAt!: string;
}

export class RobotWithSecretDto extends RobotDto {
  /** Shown once: store it now (e.g. as a CI secret). */
  secret!: string;
}

export class RobotListQueryDto extends MachineListQueryDto {}

export class RobotPageDto {
  items!: RobotDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
}
