import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, ErrorCode } from '../common/app-error';
import { AuthenticatedRequest, IS_PUBLIC, REQUIRES_ADMIN } from '../common/auth.decorators';
import { SessionService } from './session.service';

/** Deny by default: every route needs a valid bearer token unless marked `@Public()`. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(request.headers.authorization ?? '');
    const principal = match?.[1] ? await this.sessions.resolve(match[1]) : null;
    if (!principal) throw new AppError(ErrorCode.UNAUTHENTICATED, 'A valid bearer token is required');
    request.principal = principal;

    if (this.reflector.getAllAndOverride<boolean>(REQUIRES_ADMIN, targets) && !principal.isAdmin) {
      throw new AppError(ErrorCode.FORBIDDEN, 'Only an admin may do this');
    }
    return true;
  }
}
