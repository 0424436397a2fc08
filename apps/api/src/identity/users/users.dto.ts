import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PRIVILEGES, type Privilege } from '@portcullis/domain';
import { NamedListQueryDto } from '../../common/list-query.dto';
import { IsAddressableName, IsObjectName, IsObjectNameEach } from '../../common/names';
import { Optional } from '../../common/optional';
import { QueryBoolean } from '../../database/pagination';

export class UserFieldsDto {
  /** Contact address. */
  @Optional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  /** System administrator: bypasses every access rule. */
  @Optional()
  @IsBoolean()
  isAdmin?: boolean;

  /** A disabled user can neither sign in nor get tokens. */
  @Optional()
  @IsBoolean()
  disabled?: boolean;

  /** Registry privileges. */
  @Optional()
  @IsArray()
  @IsIn(PRIVILEGES, { each: true, message: `each privilege must be one of ${PRIVILEGES.join(', ')}` })
  privileges?: Privilege[];

  /** Names of the groups the user is a member of. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObjectNameEach()
  groups?: string[];

  /** Name of the primary group (a membership too); a registry the user declares is given to it. */
  @Optional()
  @IsString()
  @IsObjectName()
  primaryGroup?: string;
}

export class CreateUserDto extends UserFieldsDto {
  /**
   * Login name: lower-case letters, digits, '.', '_' and '-', 1 to 64 characters, not all digits
   * (never `service/…` or `robot/…`).
   */
  @IsString()
  @IsAddressableName()
  name!: string;

  /** Password, 8 to 1024 characters. Give either this or `passwordHash`. */
  @ValidateIf((o: CreateUserDto) => o.passwordHash === undefined)
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password?: string;

  /** An argon2id or bcrypt (`$2y$`, `$2a$`, `$2b$`) hash, e.g. from htpasswd; bcrypt is upgraded at the next sign-in. */
  @Optional()
  @IsString()
  @MaxLength(500)
  passwordHash?: string;
}

/** Where an account signs in. */
export const IDENTITY_SOURCES = ['local', 'ldap', 'oidc'] as const;
export type IdentitySourceName = (typeof IDENTITY_SOURCES)[number];

export class UpdateUserDto extends UserFieldsDto {
  /** A new password (local accounts only). */
  @Optional()
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password?: string;

  /**
   * Moves the account to another sign-in source: `local` (needs `password` unless it has one),
   * `ldap` (the directory's password from then on; needs LDAP_URL) or `oidc` (console sign-in
   * through the provider; needs OIDC_ISSUER). Its groups, tokens and audit history stay; memberships the old source kept become
   * an administrator's.
   */
  @Optional()
  @IsIn(IDENTITY_SOURCES)
  source?: IdentitySourceName;
}

export class UserDto {
  id!: number;
  name!: string;
  email!: string | null;
  isAdmin!: boolean;
  disabled!: boolean;
  /** Where the account signs in. */
  @ApiProperty({ enum: IDENTITY_SOURCES })
  source!: IdentitySourceName;
  /** The source no longer has the account (or its filter leaves it out): disabled until it has. */
  sourceDisabled!: boolean;
  privileges!: Privilege[];
  /** Every group, the primary one included. */
  groups!: string[];
  /** The groups whose membership the sign-in source keeps (the directory's groups). */
  syncedGroups!: string[];
  primaryGroup!: string | null;
  /** RFC 3339 creation time. */
  createdAt!: string;
}

/** What a new password did besides itself. */
export class PasswordChangeDto {
  /** The account's console sessions and docker identity tokens ended with the old password. */
  sessionsEnded!: boolean;
  /** Its personal access tokens still work: revoke them too if the password was stolen. */
  personalAccessTokensKept!: number;
}

/** A user after an update; `passwordChange` when the update gave it a new password. */
export class UpdatedUserDto extends UserDto {
  passwordChange?: PasswordChangeDto;
}

export class RegisterDto {
  /** Login name: lower-case letters, digits, '.', '_' and '-', 1 to 64 characters, not all digits. */
  @IsString()
  @IsAddressableName()
  name!: string;

  /** Password, 8 to 1024 characters. */
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password!: string;

  /** Contact address. */
  @Optional()
  @IsEmail()
  @MaxLength(320)
  email?: string;
}

export const USER_SORTS = ['id', '-id', 'name', '-name', 'createdAt', '-createdAt'] as const;

export class UserListQueryDto extends NamedListQueryDto {
  /** The order: a field, `-` in front for descending (default `id`). */
  @Optional()
  @IsIn(USER_SORTS)
  sort?: (typeof USER_SORTS)[number];

  /** Only disabled (`true`) or enabled (`false`) users. */
  @Optional()
  @QueryBoolean()
  @IsBoolean()
  disabled?: boolean;

  /** Only admins (`true`) or non-admins (`false`). */
  @Optional()
  @QueryBoolean()
  @IsBoolean()
  isAdmin?: boolean;

  /** Only members of this group (the primary group counts). */
  @Optional()
  @IsString()
  @IsObjectName()
  group?: string;
}

export class UserPageDto {
  items!: UserDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
}
