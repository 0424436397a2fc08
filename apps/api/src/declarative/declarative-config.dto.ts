import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IDENTITY_KINDS, PRIVILEGES, type Privilege } from '@portcullis/domain';
import { RobotPermissionDto } from '../access/robots/robots.dto';
import { RuleMatchDto } from '../access/rules/rules.dto';
import { USER_NAME_PATTERN } from '../access/users/users.dto';
import { IsObjectName, IsObjectNameEach } from '../common/names';
import { SERVICE_PATTERN } from '../registries/registries.dto';

const MAX_ITEMS = 10_000;

export class GroupDeclaration {
  @IsString()
  @IsObjectName()
  name!: string;
}

export class UserDeclaration {
  @IsString()
  @Matches(USER_NAME_PATTERN, { message: 'name must be 1-64 of a-z, 0-9, ".", "_", "-"' })
  name!: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  passwordHash?: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @IsArray()
  @IsObjectNameEach()
  groups?: string[];

  @IsOptional()
  @IsString()
  @IsObjectName()
  primaryGroup?: string;

  @IsOptional()
  @IsArray()
  @IsIn(PRIVILEGES, { each: true, message: `each privilege must be one of ${PRIVILEGES.join(', ')}` })
  privileges?: Privilege[];

  @IsOptional()
  @IsBoolean()
  admin?: boolean;

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class AppDeclaration {
  @IsString()
  @IsObjectName()
  name!: string;

  @IsOptional()
  @IsArray()
  @IsObjectNameEach()
  responsibles?: string[];

  @IsOptional()
  @IsArray()
  @IsObjectNameEach()
  publications?: string[];
}

export class RegistryDeclaration {
  @IsString()
  @Matches(SERVICE_PATTERN, { message: 'service must be 1-255 of letters, digits, ".", "_", ":", "-"' })
  service!: string;

  @IsString()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url!: string;

  @IsOptional()
  @IsBoolean()
  insecure?: boolean;

  @IsOptional()
  @IsBoolean()
  restricted?: boolean;

  @IsOptional()
  @IsArray()
  @IsObjectNameEach()
  responsibles?: string[];

  @IsOptional()
  @IsArray()
  @IsObjectNameEach()
  publications?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  anonymousPull?: string[];
}

export class ServiceDeclaration {
  @IsString()
  @IsObjectName()
  name!: string;

  @IsString()
  @IsObjectName()
  app!: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  secret?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  secretHash?: string;
}

export class RobotDeclaration {
  @IsString()
  @IsObjectName()
  name!: string;

  @IsString()
  @IsObjectName()
  app!: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  secret?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  secretHash?: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RobotPermissionDto)
  permissions!: RobotPermissionDto[];

  @IsOptional()
  @IsDateString({ strict: true })
  expiresAt?: string;
}

export class RuleDeclaration {
  @IsObject()
  @ValidateNested()
  @Type(() => RuleMatchDto)
  match!: RuleMatchDto;

  @IsArray()
  @Matches(/^(?:[a-z]+|\*)$/, { each: true, message: 'each action must be lower-case letters or "*"' })
  actions!: string[];

  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

/** The shape of `portcullis.yaml`: every list optional; objects are matched by name. */
export class DeclarativeConfig {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => GroupDeclaration)
  groups?: GroupDeclaration[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => UserDeclaration)
  users?: UserDeclaration[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => AppDeclaration)
  apps?: AppDeclaration[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => RegistryDeclaration)
  registries?: RegistryDeclaration[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ServiceDeclaration)
  services?: ServiceDeclaration[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => RobotDeclaration)
  robots?: RobotDeclaration[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => RuleDeclaration)
  rules?: RuleDeclaration[];
}

export const DECLARATION_KINDS = ['groups', 'users', 'apps', 'registries', 'services', 'robots', 'rules'] as const;
export { IDENTITY_KINDS };

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
