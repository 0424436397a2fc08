import { OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../common/optional';
import { CreateAppDto } from '../identity/apps/apps.dto';
import { CreateGroupDto } from '../identity/groups/groups.dto';
import { CreateRobotDto } from '../identity/robots/robots.dto';
import { CreateServiceDto } from '../identity/services/services.dto';
import { CreateUserDto } from '../identity/users/users.dto';
import { CreateRuleDto } from '../policy/rules/rules.dto';
import { CreateRegistryDto } from '../registries/registries.dto';

const MAX_ITEMS = 10_000;

/** Groups, apps and registries are declared exactly as the API creates them. */
export class GroupDeclaration extends CreateGroupDto {}
export class AppDeclaration extends CreateAppDto {}
export class RegistryDeclaration extends CreateRegistryDto {}

/** A user: the API's fields, `admin` for `isAdmin`, and a password only needed for a new user. */
export class UserDeclaration extends OmitType(CreateUserDto, ['isAdmin', 'password'] as const) {
  @Optional()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password?: string;

  @Optional()
  @IsBoolean()
  admin?: boolean;
}

export class ServiceDeclaration extends CreateServiceDto {
  @Optional()
  @IsString()
  @MaxLength(500)
  secretHash?: string;
}

export class RobotDeclaration extends CreateRobotDto {
  @Optional()
  @IsString()
  @MaxLength(500)
  secretHash?: string;
}

export class RuleDeclaration extends OmitType(CreateRuleDto, ['position'] as const) {}

/** The shape of `portcullis.yaml`: every list optional; objects are matched by name. */
export class DeclarativeConfig {
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupDeclaration)
  groups?: GroupDeclaration[];

  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => UserDeclaration)
  users?: UserDeclaration[];

  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AppDeclaration)
  apps?: AppDeclaration[];

  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RegistryDeclaration)
  registries?: RegistryDeclaration[];

  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ServiceDeclaration)
  services?: ServiceDeclaration[];

  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RobotDeclaration)
  robots?: RobotDeclaration[];

  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RuleDeclaration)
  rules?: RuleDeclaration[];
}

/** Bodies of the configuration routes. */
export class ApplyConfigDto {
  /** A portcullis.yaml document. */
  @IsString()
  @MaxLength(900_000)
  yaml!: string;
}

export class ImportHtpasswdDto {
  /** The content of an htpasswd file (bcrypt entries). */
  @IsString()
  @MaxLength(900_000)
  htpasswd!: string;
}

export class ImportDockerAuthDto {
  /** A docker_auth configuration (YAML): its `users` and static `acl` are imported. */
  @IsString()
  @MaxLength(900_000)
  yaml!: string;
}

export class ApplySummaryDto {
  /** Per kind: names created and updated (unchanged ones are not listed). */
  created!: Record<string, string[]>;
  updated!: Record<string, string[]>;
  /** Rules now declared by configuration. */
  rules!: number;
}
