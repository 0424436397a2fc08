import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  /** Login name. */
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  username!: string;

  /** Password. */
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  password!: string;
}

export class SessionDto {
  /** Send it as `Authorization: Bearer <accessToken>`. */
  accessToken!: string;
  tokenType!: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn!: number;
}
