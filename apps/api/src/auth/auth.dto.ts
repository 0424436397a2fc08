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
  /** Seconds until the access token expires. */
  expiresIn!: number;
  /** Exchange it at POST /api/v1/auth/refresh for new tokens (it works once: it rotates). */
  refreshToken!: string;
}

export class RefreshSessionDto {
  /** The refresh token of the session. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken!: string;
}
