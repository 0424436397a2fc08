import { Body, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../../common/api-controller';
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
  constructor(private readonly twoFactor: TwoFactorService) {}

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
    return { recoveryCodes: await this.twoFactor.confirm(caller.id, input.code) };
  }

  /** Turns two-factor sign-in off, with a current code or a recovery code. */
  @TokenScope('person')
  @Post('disable')
  @HttpCode(204)
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong code' })
  disableTwoFactor(
    @Principal() caller: UserIdentity,
    @Body() input: TwoFactorCodeDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.twoFactor.disable(caller, input.code, request.ip);
  }

  /** An administrator turns a user's two-factor sign-in off (a lost authenticator). */
  @TokenScope('credentials')
  @Delete('users/:id')
  @AdminOnly()
  @HttpCode(204)
  resetTwoFactor(@Param('id', IntId) id: number): Promise<void> {
    return this.twoFactor.reset(id);
  }

  /** Whether local accounts must sign in with a second factor. */
  @TokenScope('global')
  @Get('settings')
  @AdminOnly()
  getSignInSettings(): Promise<SignInSettingsDto> {
    return this.twoFactor.signInSettings();
  }

  /** Requires (or not) a second factor of every local account's console sign-in. */
  @TokenScope('global')
  @Put('settings')
  @AdminOnly()
  setSignInSettings(@Body() input: SignInSettingsDto): Promise<SignInSettingsDto> {
    return this.twoFactor.setSignInSettings(input);
  }
}
