import { Body, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { AuditsItself } from '../common/audit.decorators';
import { Authenticated, DuringEnrolment, Principal, Public, TokenScope } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { TwoFactorService } from '../identity/two-factor/two-factor.service';
import { RegisterDto, UserDto } from '../identity/users/users.dto';
import { UsersService } from '../identity/users/users.service';
import { LoginDto, LogoutDto, MeDto, RefreshSessionDto, SessionDto, SignInOptionsDto } from './auth.dto';
import { OidcService } from './oidc/oidc.service';
import { SessionCookie } from './session-cookie';
import { SessionService } from './session.service';

@ApiTags('auth')
@ApiController('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionService,
    private readonly users: UsersService,
    private readonly oidc: OidcService,
    private readonly twoFactor: TwoFactorService,
    private readonly cookie: SessionCookie,
  ) {}

  /** The console's sign-in options: OpenID Connect's button, when configured. */
  @Public()
  @Get('options')
  signInOptions(): SignInOptionsDto {
    const label = this.oidc.label;
    return { oidc: label === undefined ? null : { label, startUrl: '/api/v1/auth/oidc/start' } };
  }

  /** Public mode (PUBLIC_REGISTRATION=true): creates an account with the three registry privileges. */
  @AuditsItself()
  @Public()
  @Post('register')
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Registration is closed' })
  @ApiConflictResponse({ type: ErrorResponseDto })
  register(@Body() input: RegisterDto, @Req() request: FastifyRequest): Promise<UserDto> {
    return this.users.register(input, request.ip);
  }

  /**
   * New access and refresh tokens for a refresh token; the old refresh token stops working. A
   * browser that signed in with `cookie: true` sends no body but the `X-Portcullis-Session` header:
   * its cookie is used and replaced.
   */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'A cookie refresh without X-Portcullis-Session' })
  @ApiHeader({
    name: 'X-Portcullis-Session',
    required: false,
    description: 'Required (any value) when the refresh token comes from the session cookie, not the body',
  })
  async refreshSession(
    @Body() input: RefreshSessionDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return input.refreshToken === undefined
      ? this.cookie.refresh(request, reply)
      : SessionService.answer(await this.sessions.refresh(input.refreshToken), true);
  }

  /**
   * Signs out: the session's refresh and access tokens stop working at once. Given a personal
   * access token instead of a refresh token, revokes it. Without a body, ends the session (or
   * revokes the personal access token) of the `Authorization: Bearer` header, even an expired
   * session token. Always clears the browser's session cookie.
   */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Neither a token in the body nor a bearer token' })
  async logout(
    @Body() input: LogoutDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    this.cookie.clear(request, reply);
    return this.sessions.signOut(input.refreshToken, request.headers.authorization);
  }

  /**
   * Signs in with a login name and password and returns a bearer token for the API (and, with
   * `cookie: true`, sets the browser's session cookie instead of answering the refresh token).
   */
  @AuditsItself()
  @Public()
  @UseGuards(AuthGuard('local'))
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  async login(
    @Body() credentials: LoginDto,
    @Req() request: FastifyRequest & { user: UserIdentity },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const issued = await this.sessions.start(request.user);
    return credentials.cookie === true
      ? this.cookie.handOver(request, reply, issued)
      : SessionService.answer(issued, true);
  }

  /** Who the bearer token belongs to: name, admin, privileges, groups, and the token's limits. */
  @TokenScope('any')
  @Authenticated()
  @DuringEnrolment()
  @Get('me')
  getMe(@Principal() caller: UserIdentity): Promise<MeDto> {
    return this.sessions.me(caller);
  }
}
