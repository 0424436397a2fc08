import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type TokenNarrowing, isLimitedToken } from '@portcullis/domain';
import { AppError, ErrorCode } from '../common/app-error';
import {
  AuthenticatedRequest,
  DURING_ENROLMENT,
  IS_PUBLIC,
  REQUIRES_ADMIN,
  TOKEN_SCOPE,
  type TokenScopeKind,
} from '../common/auth.decorators';
import { ACCESS_TOKEN } from '../identity/access-tokens/access-tokens.service';
import { CredentialsService } from '../identity/credentials/credentials.service';
import { RegistriesRepository } from '../registries/registries.repository';
import { bearerOf } from './bearer';
import { type ResolvedSession, SessionService } from './session.service';

/** What narrows a token, for people. */
function limitsOf(token: TokenNarrowing): string {
  return [
    ...(token.readOnly ? ['read-only'] : []),
    ...(token.registries === null ? [] : [`registries ${token.registries.join(', ')}`]),
    ...(token.expiresAt === null ? [] : [`expires ${token.expiresAt.toISOString()}`]),
  ].join('; ');
}

/**
 * Deny by default: every route needs a valid bearer token unless marked `@Public()`, and a
 * personal access token reaches only what its TokenScope allows.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly credentials: CredentialsService,
    private readonly registries: RegistriesRepository,
  ) {}

  /** A session JWT, or a personal access token used as a bearer token. */
  private async resolve(bearer: string, address: string | undefined): Promise<ResolvedSession | null> {
    if (!bearer.startsWith(ACCESS_TOKEN.prefix)) return this.sessions.resolve(bearer);
    const result = await this.credentials.authenticateAccessToken(bearer, address);
    return 'identity' in result && result.identity.kind === 'user'
      ? { identity: result.identity, enrolmentOnly: false }
      : null;
  }

  /** A personal access token reaches no further than its scopes, on every route (TokenScope). */
  private async assertWithinToken(
    token: TokenNarrowing,
    scope: TokenScopeKind,
    request: { method: string; params?: Record<string, string | undefined> },
  ): Promise<void> {
    const refuse = (why: string) => new AppError(ErrorCode.FORBIDDEN, `Personal access token ${token.name} ${why}`);
    if (token.readOnly && !['GET', 'HEAD'].includes(request.method)) throw refuse('is read-only');
    if (scope === 'any') return;
    if (scope === 'person') throw refuse('cannot do this: sign in to the console');
    const limits = `is limited (${limitsOf(token)})`;
    if (scope === 'credentials') {
      if (isLimitedToken(token))
        throw refuse(`${limits}: it cannot create, rotate or read credentials; sign in, or use a token without limits`);
      return;
    }
    if (typeof scope === 'object' && 'ownToken' in scope) {
      if (isLimitedToken(token) && request.params?.[scope.ownToken] !== token.id)
        throw refuse(`${limits}: it may act on itself only`);
      return;
    }
    if (token.registries === null) return;
    if (scope === 'global') throw refuse(`is limited to ${token.registries.join(', ')}`);
    const id = Number(request.params?.[scope.registry]);
    const service = Number.isSafeInteger(id) ? await this.registries.serviceOf(id) : null;
    if (service === null || !token.registries.includes(service))
      throw refuse(`is limited to ${token.registries.join(', ')}`);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<
      AuthenticatedRequest & {
        method: string;
        ip?: string;
        headers: Record<string, string | undefined>;
        params?: Record<string, string | undefined>;
      }
    >();
    const bearer = bearerOf(request.headers.authorization);
    const resolved = bearer === undefined ? null : await this.resolve(bearer, request.ip);
    if (!resolved) throw new AppError(ErrorCode.UNAUTHENTICATED, 'A valid bearer token is required');
    if (resolved.enrolmentOnly && !this.reflector.getAllAndOverride<boolean>(DURING_ENROLMENT, targets)) {
      throw new AppError(
        ErrorCode.TWO_FACTOR_ENROLMENT_REQUIRED,
        'Two-factor sign-in is required: set up an authenticator app first',
      );
    }
    const principal = resolved.identity;
    if (principal.token !== undefined) {
      const scope = this.reflector.getAllAndOverride<TokenScopeKind>(TOKEN_SCOPE, targets) ?? 'credentials';
      await this.assertWithinToken(principal.token, scope, request);
    }
    request.principal = principal;

    if (this.reflector.getAllAndOverride<boolean>(REQUIRES_ADMIN, targets) && !principal.isAdmin) {
      throw new AppError(ErrorCode.FORBIDDEN, 'Only an admin may do this');
    }
    return true;
  }
}
