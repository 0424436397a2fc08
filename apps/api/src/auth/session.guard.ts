import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CredentialsService } from '../access/credentials.service';
import { ACCESS_TOKEN } from '../access/tokens/access-tokens.service';
import { AppError, ErrorCode } from '../common/app-error';
import { AuthenticatedRequest, DURING_ENROLMENT, IS_PUBLIC, REQUIRES_ADMIN } from '../common/auth.decorators';
import { type ResolvedSession, SessionService } from './session.service';

/** Deny by default: every route needs a valid bearer token unless marked `@Public()`. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly credentials: CredentialsService,
  ) {}

  /** A session JWT, or a personal access token used as a bearer token. */
  private async resolve(bearer: string): Promise<ResolvedSession | null> {
    if (!bearer.startsWith(ACCESS_TOKEN.prefix)) return this.sessions.resolve(bearer);
    const result = await this.credentials.authenticateAccessToken(bearer);
    return 'identity' in result && result.identity.kind === 'user'
      ? { identity: result.identity, enrolmentOnly: false }
      : null;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & { method: string; headers: Record<string, string | undefined> }>();
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(request.headers.authorization ?? '');
    const resolved = match?.[1] ? await this.resolve(match[1]) : null;
    if (!resolved) throw new AppError(ErrorCode.UNAUTHENTICATED, 'A valid bearer token is required');
    if (resolved.enrolmentOnly && !this.reflector.getAllAndOverride<boolean>(DURING_ENROLMENT, targets)) {
      throw new AppError(
        ErrorCode.TWO_FACTOR_ENROLMENT_REQUIRED,
        'Two-factor sign-in is required: set up an authenticator app first',
      );
    }
    const principal = resolved.identity;
    if (principal.token?.readOnly && !['GET', 'HEAD'].includes(request.method)) {
      throw new AppError(ErrorCode.FORBIDDEN, `Personal access token ${principal.token.name} is read-only`);
    }
    request.principal = principal;

    if (this.reflector.getAllAndOverride<boolean>(REQUIRES_ADMIN, targets) && !principal.isAdmin) {
      throw new AppError(ErrorCode.FORBIDDEN, 'Only an admin may do this');
    }
    return true;
  }
}
