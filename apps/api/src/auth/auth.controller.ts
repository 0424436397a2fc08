import { Body, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { UserIdentity } from '@portcullis/domain';
import { TwoFactorService } from '../access/two-factor/two-factor.service';
import { RegisterDto, UserDto } from '../access/users/users.dto';
import { UsersService } from '../access/users/users.service';
import { AuditService } from '../audit/audit.service';
import { ApiController } from '../common/api-controller';
import { Authenticated, DuringEnrolment, Principal, Public, TokenScope } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { LoginDto, MeDto, RefreshSessionDto, SessionDto, SignInOptionsDto } from './auth.dto';
import { OidcService } from './oidc/oidc.service';
import { SessionService } from './session.service';

@ApiTags('auth')
@ApiController('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly oidc: OidcService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  /** The console's sign-in options: OpenID Connect's button, when configured. */
  @Public()
  @Get('options')
  signInOptions(): SignInOptionsDto {
    const label = this.oidc.label;
    return { oidc: label === undefined ? null : { label, startUrl: '/api/v1/auth/oidc/start' } };
  }

  /** Public mode (PUBLIC_REGISTRATION=true): creates an account with the three registry privileges. */
  @Public()
  @Post('register')
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Registration is closed' })
  @ApiConflictResponse({ type: ErrorResponseDto })
  async register(@Body() input: RegisterDto, @Req() request: FastifyRequest): Promise<UserDto> {
    const user = await this.users.register(input);
    this.audit.record({
      category: 'change',
      action: 'user.register',
      actor: user.name,
      actorKind: 'user',
      outcome: 'ok',
      target: user.name,
      address: request.ip,
    });
    return user;
  }

  /** New access and refresh tokens for a refresh token; the old refresh token stops working. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  refreshSession(@Body() input: RefreshSessionDto): Promise<SessionDto> {
    return this.sessions.refresh(input.refreshToken);
  }

  /**
   * Signs out: the session's refresh and access tokens stop working at once. Given a personal
   * access token instead of a refresh token, revokes it.
   */
  @Public()
  @Post('logout')
  @HttpCode(204)
  logout(@Body() input: RefreshSessionDto): Promise<void> {
    return this.sessions.end(input.refreshToken);
  }

  /** Signs in with a login name and password and returns a bearer token for the API. */
  @Public()
  @UseGuards(AuthGuard('local'))
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  login(@Body() _credentials: LoginDto, @Req() request: { user: UserIdentity }): Promise<SessionDto> {
    return this.sessions.start(request.user);
  }

  /** Who the bearer token belongs to: name, admin, privileges, groups, and the token's limits. */
  @TokenScope('any')
  @Authenticated()
  @DuringEnrolment()
  @Get('me')
  async getMe(@Principal() caller: UserIdentity): Promise<MeDto> {
    const twoFactor = await this.twoFactor.status(caller.id);
    return {
      twoFactor: twoFactor.enabled,
      twoFactorEnrolmentRequired: twoFactor.enrolmentRequired,
      id: caller.id,
      name: caller.name,
      isAdmin: caller.isAdmin,
      privileges: [...caller.privileges],
      groups: caller.groups.map((g) => g.name),
      token: caller.token
        ? {
            id: caller.token.id,
            name: caller.token.name,
            readOnly: caller.token.readOnly,
            registries: caller.token.registries === null ? null : [...caller.token.registries],
          }
        : null,
    };
  }
}
