import { Get, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiTags } from '@nestjs/swagger';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiController } from '../../common/api-controller';
import { Public } from '../../common/auth.decorators';
import { AppConfig } from '../../config/app-config';
import { SessionCookie, mayBeSecure } from '../session-cookie';
import { OidcSignIn } from './oidc-sign-in.service';
import { FLOW_TTL_SECONDS, type OidcFailure } from './oidc.service';

const FLOW_COOKIE = 'portcullis_oidc';
const FLOW_COOKIE_PATH = '/api/v1/auth/oidc';

/**
 * The browser side of OpenID Connect sign-in. `start` sends the browser to the provider; the
 * provider sends it back to `callback`, which starts a console session, sets its refresh token as
 * the browser's session cookie (as a password sign-in does) and sends the browser to
 * `/sign-in/callback`, where the console picks the session up with a refresh: no token in any URL.
 */
@ApiTags('auth')
@ApiController('auth/oidc')
export class OidcController {
  constructor(
    private readonly signIn: OidcSignIn,
    private readonly config: AppConfig,
    private readonly sessionCookie: SessionCookie,
  ) {}

  /** Starts a console sign-in at the OpenID Connect provider (a browser navigation, not an API call). */
  @Public()
  @Get('start')
  @ApiFoundResponse({ description: "Redirect to the provider's authorization endpoint" })
  async startOidcSignIn(
    @Query('returnUrl') returnUrl: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const started = await this.signIn.begin(typeof returnUrl === 'string' ? returnUrl : undefined);
    if ('code' in started) return this.toSignIn(reply, started.code);
    void reply
      .header('Set-Cookie', this.flowCookie(request, started.flow, FLOW_TTL_SECONDS))
      .header('Cache-Control', 'no-store')
      .redirect(started.location, 302);
  }

  /** Where the provider sends the browser back. */
  @Public()
  @Get('callback')
  @ApiFoundResponse({ description: 'Redirect to the console, signed in, or to its sign-in page with the reason' })
  async finishOidcSignIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    void reply.header('Set-Cookie', this.flowCookie(request, '', 0)).header('Cache-Control', 'no-store');
    const result = await this.signIn.complete(
      new URL(request.url, this.config.publicUrl),
      parseCookie(request.headers.cookie ?? '')[FLOW_COOKIE],
      { address: request.ip, userAgent: request.headers['user-agent']?.slice(0, 500) ?? null },
    );
    if ('code' in result) return this.toSignIn(reply, result.code);
    this.sessionCookie.set(request, reply, result.session.refreshToken, result.session.refreshExpiresAt);
    void reply.redirect(`/sign-in/callback?${new URLSearchParams({ returnUrl: result.returnUrl }).toString()}`, 302);
  }

  /** To the sign-in page with a code it knows (`oidc-expired`, `oidc-denied`, …), never a text. */
  private toSignIn(reply: FastifyReply, code: OidcFailure['code'] | 'unconfigured' | 'unavailable'): void {
    void reply.redirect(`/sign-in?${new URLSearchParams({ error: `oidc-${code}` }).toString()}`, 302);
  }

  private flowCookie(request: FastifyRequest, value: string, maxAge: number): string {
    return stringifySetCookie({
      name: FLOW_COOKIE,
      value,
      maxAge,
      path: FLOW_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: mayBeSecure(this.config.publicUrl, request),
    });
  }
}
