import { IsBoolean, IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** Login names: what `docker login` accepts as a user name, and never `service/…` or `robot/…`. */
export const USER_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

export class CreateUserDto {
  /** Login name: lower-case letters, digits, '.', '_' and '-', 1 to 64 characters. */
  @IsString()
  @Matches(USER_NAME_PATTERN, {
    message: 'name must be 1-64 of a-z, 0-9, ".", "_", "-", starting and ending alphanumeric',
  })
  name!: string;

  /** Password, 8 to 1024 characters. */
  @IsString()
  @MinLength(8)
  @MaxLength(1024)
  password!: string;

  /** Contact address. */
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  /** System administrator: bypasses every access rule. */
  @IsOptional()
  @IsBoolean()
  isAdmin?: boolean;
}

export class UserDto {
  id!: number;
  name!: string;
  email!: string | null;
  isAdmin!: boolean;
  disabled!: boolean;
  /** RFC 3339 creation time. */
  createdAt!: string;
}
