import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';

export class TwoFactorStatusDto {
  /** Two-factor sign-in is on. */
  enabled!: boolean;
  /** It is required of this account, which has none yet: its session may only enrol. */
  enrolmentRequired!: boolean;
  /** Recovery codes not used yet. */
  recoveryCodesLeft!: number;
}

export class TwoFactorEnrolmentDto {
  /** The secret in base32, to type into an authenticator app by hand. */
  secret!: string;
  /** The `otpauth://` URI the QR code holds. */
  otpauthUrl!: string;
  /** The QR code, an SVG document. */
  qrSvg!: string;
}

export class TwoFactorCodeDto {
  /** A 6-digit code of the authenticator app, or a recovery code. */
  @IsString()
  @MinLength(6)
  @MaxLength(32)
  code!: string;
}

export class RecoveryCodesDto {
  /** One-use codes that stand in for the authenticator: shown this once. */
  recoveryCodes!: string[];
}

export class SignInSettingsDto {
  /** Local accounts must sign in to the console with a second factor (TOTP). */
  @IsBoolean()
  twoFactorRequired!: boolean;
}
