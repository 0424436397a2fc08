import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { PRIVILEGES, type Privilege } from '@portcullis/domain';
import { Optional } from '../common/optional';

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

  /**
   * The second factor, for accounts with two-factor sign-in: a 6-digit code of the authenticator
   * app, or a recovery code. Without it such an account is answered 401 `TWO_FACTOR_REQUIRED`.
   */
  @Optional()
  @IsString()
  @MaxLength(32)
  code?: string;

  /**
   * For browsers: the refresh token comes as an `HttpOnly` cookie for the refresh route instead of
   * in the answer (see POST /api/v1/auth/refresh).
   */
  @Optional()
  @IsBoolean()
  cookie?: boolean;
}

export class SessionDto {
  /** Send it as `Authorization: Bearer <accessToken>`. */
  accessToken!: string;
  tokenType!: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn!: number;
  /**
   * Exchange it at POST /api/v1/auth/refresh for new tokens (it works once: it rotates). Absent
   * when the session was asked for with `cookie: true`: the browser holds it in a cookie.
   */
  refreshToken?: string;
}

export class RefreshSessionDto {
  /**
   * The refresh token of the session. Without it, the browser's session cookie is used, and the
   * request must carry the `X-Portcullis-Session` header.
   */
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken?: string;
}

export class LogoutDto {
  /**
   * The refresh token of the session to end, or a personal access token to revoke. Without it,
   * the session (or personal access token) of the `Authorization: Bearer` header ends.
   */
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken?: string;
}

/** The signed-in caller, as the console shows it and decides which pages to offer. */
export class MeDto {
  id!: number;
  name!: string;
  isAdmin!: boolean;
  @ApiProperty({ enum: PRIVILEGES, enumName: 'Privilege', isArray: true })
  privileges!: Privilege[];
  /** Every group, the primary one included. */
  groups!: string[];
  /** Set when the caller signed in with a personal access token: its name and limits. */
  token!: MeTokenDto | null;
  /** Two-factor sign-in is on for this account. */
  twoFactor!: boolean;
  /** Two-factor sign-in is required of this account and not set up: the session may only enrol. */
  twoFactorEnrolmentRequired!: boolean;
}

export class MeTokenDto {
  id!: string;
  name!: string;
  /** Pull only. */
  readOnly!: boolean;
  /** Registry services it is valid for; null for all. */
  registries!: string[] | null;
}

export class OidcProviderDto {
  /** The provider's name for the sign-in button. */
  label!: string;
  /** Where the browser goes to sign in through it (add `?returnUrl=/path`). */
  startUrl!: string;
}

/** How one may sign in to the console besides a login name and password. */
export class SignInOptionsDto {
  /** OpenID Connect, when configured. */
  oidc!: OidcProviderDto | null;
}
