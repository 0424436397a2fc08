import { Injectable } from '@nestjs/common';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../common/app-error';
import { AppConfig, LOOPBACK_HOSTS } from '../config/app-config';
import type { SessionDto } from './auth.dto';
import { type IssuedSession, SessionService } from './session.service';

export const REFRESH_COOKIE = 'portcullis_refresh';
/** The one route the browser sends the cookie to. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth/refresh';
/**
 * The header a cookie refresh must carry (any value). A page of another origin cannot add it
 * without a CORS preflight, which Portcullis never grants: with `SameSite=Strict`, the defence
 * against cross-site requests that spend the cookie.
 */
export const SESSION_REQUEST_HEADER = 'x-portcullis-session';

/**
 * Whether a cookie set in answer to this request may be `Secure`: browsers keep a `Secure` cookie
 * only from a secure context, https:// or a loopback host. PUBLIC_URL on https:// makes it always
 * `Secure` (a plain request then came through a proxy that terminates TLS).
 */
export function mayBeSecure(publicUrl: string, request: { protocol: string; hostname: string }): boolean {
  return publicUrl.startsWith('https:') || request.protocol === 'https' || LOOPBACK_HOSTS.has(request.hostname);
}

/**
 * The console's refresh token, kept by the browser in an `HttpOnly` cookie that no script reads,
 * sent to the refresh route only, and never to another site (`SameSite=Strict`); `Secure` wherever
 * a browser keeps it (see `mayBeSecure`).
 */
@Injectable()
export class SessionCookie {
  constructor(
    private readonly config: AppConfig,
    private readonly sessions: SessionService,
  ) {}

  /** Answers a browser's new session: the refresh token goes in the cookie, not the answer. */
  handOver(request: FastifyRequest, reply: FastifyReply, issued: IssuedSession): SessionDto {
    this.set(request, reply, issued.refreshToken, issued.refreshExpiresAt);
    return SessionService.answer(issued, false);
  }

  /** A browser's refresh: spends the cookie (see `read`) and replaces it, or clears it when refused. */
  async refresh(request: FastifyRequest, reply: FastifyReply): Promise<SessionDto> {
    const presented = this.read(request);
    try {
      return this.handOver(request, reply, await this.sessions.refresh(presented));
    } catch (error) {
      this.clear(request, reply);
      throw error;
    }
  }

  /** Hands the browser the session's refresh token, until the session ends. */
  set(request: FastifyRequest, reply: FastifyReply, refreshToken: string, expiresAt: Date): void {
    const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
    void reply.header('Set-Cookie', this.cookie(request, refreshToken, maxAge));
  }

  /** Makes the browser forget it. */
  clear(request: FastifyRequest, reply: FastifyReply): void {
    void reply.header('Set-Cookie', this.cookie(request, '', 0));
  }

  /**
   * The refresh token of a browser's refresh call, refused (401) when the cookie is missing and
   * 403 when the request lacks the header that shows it comes from the console's own page.
   */
  private read(request: FastifyRequest): string {
    if (request.headers[SESSION_REQUEST_HEADER] === undefined) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `A refresh with the session cookie needs the ${SESSION_REQUEST_HEADER} header`,
      );
    }
    const token = parseCookie(request.headers.cookie ?? '')[REFRESH_COOKIE];
    if (!token) throw new AppError(ErrorCode.UNAUTHENTICATED, 'No session: sign in');
    return token;
  }

  private cookie(request: FastifyRequest, value: string, maxAge: number): string {
    return stringifySetCookie({
      name: REFRESH_COOKIE,
      value,
      maxAge,
      path: REFRESH_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: mayBeSecure(this.config.publicUrl, request),
    });
  }
}
