import { Body, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { UserIdentity } from '@portcullis/domain';
import { AuditService } from '../../audit/audit.service';
import { LoginThrottle } from '../../cluster/login-throttle';
import { ApiController } from '../../common/api-controller';
import { AppError, ErrorCode } from '../../common/app-error';
import { AdminOnly, Authenticated, DuringEnrolment, Principal, TokenScope } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/error-response.dto';
import { IntId } from '../../common/validation';
import {
  RecoveryCodesDto,
  SignInSettingsDto,
  TwoFactorCodeDto,
  TwoFactorEnrolmentDto,
  TwoFactorStatusDto,
} from './two-factor.dto';
import { TwoFactorService } from './two-factor.service';

/** Only a person signed in to the console changes its second factor (`person`), never a token. */
/** The caller's own two-factor sign-in (TOTP): status, enrolment with a QR code, recovery codes. */
@ApiTags('auth')
@Authenticated()
@ApiController('auth/two-factor')
export class TwoFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Whether two-factor sign-in is on, or required and not yet set up. */
  @TokenScope('any')
  @Get()
  @DuringEnrolment()
  getTwoFactor(@Principal() caller: UserIdentity): Promise<TwoFactorStatusDto> {
    return this.twoFactor.status(caller.id);
  }

  /** Starts an enrolment: a new secret and its QR code, pending until a first code confirms it. */
  @TokenScope('person')
  @Post('enrol')
  @HttpCode(200)
  @DuringEnrolment()
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Two-factor sign-in is already on' })
  enrolTwoFactor(@Principal() caller: UserIdentity): Promise<TwoFactorEnrolmentDto> {
    return this.twoFactor.enrol(caller.id);
  }

  /** Confirms the enrolment with a first code: two-factor sign-in is on, and the recovery codes shown once. */
  @TokenScope('person')
  @Post('confirm')
  @HttpCode(200)
  @DuringEnrolment()
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong code' })
  async confirmTwoFactor(
    @Principal() caller: UserIdentity,
    @Body() input: TwoFactorCodeDto,
  ): Promise<RecoveryCodesDto> {
    const recoveryCodes = await this.twoFactor.confirm(caller.id, input.code);
    this.record(caller.name, 'user.two-factor-enable', caller.name);
    return { recoveryCodes };
  }

  /** Turns two-factor sign-in off, with a current code or a recovery code. */
  @TokenScope('person')
  @Post('disable')
  @HttpCode(204)
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong code' })
  async disableTwoFactor(
    @Principal() caller: UserIdentity,
    @Body() input: TwoFactorCodeDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    // Guessing codes with a stolen session counts towards the account's lockout like sign-ins.
    const wait = await this.throttle.lockedFor('person', caller.name, request.ip);
    if (wait > 0) throw AppError.tooManyRequests(wait, 'wrong codes');
    try {
      await this.twoFactor.disable(caller.id, input.code);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.TWO_FACTOR_INVALID) {
        await this.throttle.failed('person', caller.name, request.ip, input.code);
      }
      throw error;
    }
    this.record(caller.name, 'user.two-factor-disable', caller.name);
  }

  /** An administrator turns a user's two-factor sign-in off (a lost authenticator). */
  @TokenScope('credentials')
  @Delete('users/:id')
  @AdminOnly()
  @HttpCode(204)
  async resetTwoFactor(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<void> {
    if (!(await this.twoFactor.reset(id))) throw new AppError(ErrorCode.USER_NOT_FOUND, `No user has id ${id}`);
    this.record(caller.name, 'user.two-factor-reset', String(id));
  }

  /** Whether local accounts must sign in with a second factor. */
  @TokenScope('global')
  @Get('settings')
  @AdminOnly()
  async getSignInSettings(): Promise<SignInSettingsDto> {
    return { twoFactorRequired: await this.twoFactor.required() };
  }

  /** Requires (or not) a second factor of every local account's console sign-in. */
  @TokenScope('global')
  @Put('settings')
  @AdminOnly()
  async setSignInSettings(
    @Principal() caller: UserIdentity,
    @Body() input: SignInSettingsDto,
  ): Promise<SignInSettingsDto> {
    await this.twoFactor.setRequired(input.twoFactorRequired);
    this.record(caller.name, 'settings.two-factor-required', String(input.twoFactorRequired));
    return { twoFactorRequired: input.twoFactorRequired };
  }

  private record(actor: string, action: string, target: string): void {
    this.audit.record({ category: 'change', action, actor, actorKind: 'user', outcome: 'ok', target });
  }
}
