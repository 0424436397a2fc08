import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { AccessGeneration } from '../../cluster/access-generation';
import { LoginThrottle } from '../../cluster/login-throttle';
import { AppError, ErrorCode } from '../../common/app-error';
import { OpaqueToken } from '../../common/opaque-token';
import { AppConfig } from '../../config/app-config';
import { InstanceSettingsRepository } from '../../database/instance-settings.repository';
import type { SignInSettingsDto } from './two-factor.dto';
import { TwoFactorRepository, type TwoFactorState } from './two-factor.repository';

/** The instance setting that requires two-factor sign-in of local accounts. */
const REQUIRED_SETTING = 'two-factor-required';
/** RFC 6238's defaults, which every authenticator app reads: SHA-1, six digits, 30 seconds. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Codes of the step before and after the current one count too (clocks drift). */
const WINDOW = 1;
const RECOVERY_CODES = 10;
/** Recovery codes: two groups of five from an alphabet without look-alikes (0/O, 1/l). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** What a code check at sign-in found. */
export type SecondFactorCheck = 'ok' | 'invalid' | 'reused';

export interface Enrolment {
  /** Base32, for typing into an authenticator by hand. */
  readonly secret: string;
  /** `otpauth://totp/…`, what the QR code holds. */
  readonly otpauthUrl: string;
  /** The QR code as an SVG document. */
  readonly qrSvg: string;
}

export interface TwoFactorStatus {
  readonly enabled: boolean;
  /** Two-factor sign-in is required of this account and it has none yet. */
  readonly enrolmentRequired: boolean;
  readonly recoveryCodesLeft: number;
}

function recoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]!);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** A recovery code as typed: case, spaces and dashes do not matter. */
function normalisedRecoveryCode(code: string): string {
  const bare = code.toLowerCase().replace(/[\s-]/g, '');
  return `${bare.slice(0, 5)}-${bare.slice(5)}`;
}

/**
 * TOTP two-factor sign-in for local console accounts (otpauth, RFC 6238): enrolment with a QR
 * code, confirmed by a first code, ten one-use recovery codes, and the check at sign-in, where a
 * code counts once (the last step that signed in is kept in the database, so a code seen on one
 * replica is refused on every other). Docker never sees any of it: accounts with two-factor
 * sign-in give docker personal access tokens, so the token endpoint is never slowed.
 */
@Injectable()
export class TwoFactorService {
  /** The requirement as last read, until a change for everyone (its own change is one). */
  private requirement: { required: Promise<boolean> } | undefined;

  constructor(
    private readonly repository: TwoFactorRepository,
    private readonly settings: InstanceSettingsRepository,
    private readonly config: AppConfig,
    generation: AccessGeneration,
    private readonly throttle: LoginThrottle,
  ) {
    // Its change is one for everyone in the access generation's log.
    generation.onChange((changes) => {
      if (changes.all) this.requirement = undefined;
    });
  }

  async status(userId: number): Promise<TwoFactorStatus> {
    const state = await this.repository.state(userId);
    const enabled = state?.totpEnabledAt != null;
    return {
      enabled,
      enrolmentRequired: state !== null && (await this.mustEnrolAccount(state)),
      recoveryCodesLeft: enabled ? await this.repository.unusedRecoveryCodes(userId) : 0,
    };
  }

  /** Whether a session of this user may only enrol (two-factor sign-in is required and it has none). */
  async mustEnrol(userId: number): Promise<boolean> {
    // Asked at every API request: the account is read only while the requirement is on.
    if (!(await this.required())) return false;
    const state = await this.repository.state(userId);
    return state !== null && (await this.mustEnrolAccount(state));
  }

  /** Whether an account must enrol before anything else: required, local, and without a second factor. */
  async mustEnrolAccount(state: Pick<TwoFactorState, 'source' | 'totpEnabledAt'>): Promise<boolean> {
    return state.source === 'local' && state.totpEnabledAt === null && (await this.required());
  }

  async enrol(userId: number): Promise<Enrolment> {
    const state = await this.local(userId);
    if (state.totpEnabledAt !== null) {
      throw new AppError(ErrorCode.TWO_FACTOR_STATE, 'Two-factor sign-in is on: turn it off before enrolling again');
    }
    const secret = new Secret({ size: 20 }).base32;
    if (!(await this.repository.setPending(userId, secret))) {
      throw new AppError(ErrorCode.TWO_FACTOR_STATE, 'Two-factor sign-in is on: turn it off before enrolling again');
    }
    const otpauthUrl = this.totp(state.name, secret).toString();
    return {
      secret,
      otpauthUrl,
      // qrcode is loaded here, at an enrolment, not at start-up (about 30 ms).
      qrSvg: await (await import('qrcode')).toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    };
  }

  /** Confirms the pending enrolment with a first code; the recovery codes, shown this once. */
  async confirm(userId: number, code: string): Promise<string[]> {
    const state = await this.local(userId);
    if (state.totpEnabledAt !== null)
      throw new AppError(ErrorCode.TWO_FACTOR_STATE, 'Two-factor sign-in is already on');
    if (state.totpSecret === null) {
      throw new AppError(ErrorCode.TWO_FACTOR_STATE, 'Nothing to confirm: start the enrolment first');
    }
    const step = this.stepOf(state.name, state.totpSecret, code);
    if (step === null)
      throw new AppError(ErrorCode.TWO_FACTOR_INVALID, 'The code is wrong: check the clock of your device');
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    const enabled = await this.repository.enable(
      userId,
      state.totpSecret,
      step,
      codes.map((c) => OpaqueToken.hash(c)),
    );
    if (!enabled) throw new AppError(ErrorCode.TWO_FACTOR_STATE, 'The enrolment changed meanwhile: start it again');
    return codes;
  }

  /** Turns two-factor sign-in off after a current code (or a recovery code). */
  /**
   * Turns the caller's second factor off with a code. Guessing codes with a stolen session counts
   * towards the account's lockout like sign-ins (per account and address).
   */
  async disable(caller: { id: number; name: string }, code: string, address: string): Promise<void> {
    const wait = await this.throttle.lockedFor('person', caller.name, address);
    if (wait > 0) throw AppError.tooManyRequests(wait, 'wrong codes');
    const state = await this.local(caller.id);
    if (state.totpEnabledAt === null || state.totpSecret === null) {
      throw new AppError(ErrorCode.TWO_FACTOR_STATE, 'Two-factor sign-in is off');
    }
    if ((await this.check(state, code)) !== 'ok') {
      await this.throttle.failed('person', caller.name, address, code);
      throw new AppError(ErrorCode.TWO_FACTOR_INVALID, 'The code is wrong or was already used');
    }
    await this.repository.disable(caller.id);
  }

  /** An administrator's reset, for a lost authenticator. */
  async reset(userId: number): Promise<void> {
    if (!(await this.repository.disable(userId))) {
      throw new AppError(ErrorCode.USER_NOT_FOUND, `No user has id ${userId}`);
    }
  }

  /** A sign-in's code: a TOTP code (each counts once), or a recovery code (used up). */
  async check(state: TwoFactorState, code: string): Promise<SecondFactorCheck> {
    if (state.totpSecret === null || state.totpEnabledAt === null) return 'invalid';
    const trimmed = code.replace(/\s/g, '');
    if (/^\d+$/.test(trimmed)) {
      const step = this.stepOf(state.name, state.totpSecret, trimmed);
      if (step === null) return 'invalid';
      return (await this.repository.acceptStep(state.id, step)) ? 'ok' : 'reused';
    }
    const used = await this.repository.useRecoveryCode(state.id, OpaqueToken.hash(normalisedRecoveryCode(trimmed)));
    return used ? 'ok' : 'invalid';
  }

  /** Whether local accounts must sign in with a second factor. */
  async signInSettings(): Promise<SignInSettingsDto> {
    return { twoFactorRequired: await this.required() };
  }

  async setSignInSettings(settings: SignInSettingsDto): Promise<SignInSettingsDto> {
    await this.settings.set(REQUIRED_SETTING, settings.twoFactorRequired);
    return { twoFactorRequired: settings.twoFactorRequired };
  }

  /**
   * Whether two-factor sign-in is required: read again after a change for everyone in the access
   * generation's log (a change of the setting is one), so every request can ask without a database
   * round trip.
   */
  required(): Promise<boolean> {
    if (this.requirement === undefined) {
      const required = this.settings.get(REQUIRED_SETTING).then((value) => value === true);
      const requirement = { required };
      this.requirement = requirement;
      required.catch(() => {
        if (this.requirement === requirement) this.requirement = undefined;
      });
    }
    return this.requirement.required;
  }

  private async local(userId: number): Promise<TwoFactorState> {
    const state = await this.repository.state(userId);
    if (state === null) throw new AppError(ErrorCode.USER_NOT_FOUND, `No user has id ${userId}`);
    if (state.source !== 'local') {
      throw new AppError(
        ErrorCode.TWO_FACTOR_STATE,
        `${state.name} signs in with ${state.source}: its second factor is that sign-in's own`,
      );
    }
    return state;
  }

  private totp(name: string, secret: string): TOTP {
    return new TOTP({
      issuer: this.config.token.issuer === 'portcullis' ? 'Portcullis' : this.config.token.issuer,
      label: name,
      algorithm: 'SHA1',
      digits: DIGITS,
      period: PERIOD_SECONDS,
      secret: Secret.fromBase32(secret),
    });
  }

  /** The time step of a valid code (within the window), or null. */
  private stepOf(name: string, secret: string, code: string): bigint | null {
    if (!/^\d{6}$/.test(code)) return null;
    const now = Date.now();
    const delta = this.totp(name, secret).validate({ token: code, window: WINDOW, timestamp: now });
    if (delta === null) return null;
    return BigInt(Math.floor(now / 1000 / PERIOD_SECONDS) + delta);
  }
}
