import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import type { UserIdentity } from '@portcullis/domain';
import { AuditService } from '../audit/audit.service';
import { AppError, ErrorCode } from '../common/app-error';
import { strictValidationPipe } from '../common/validation';
import { CredentialsService } from '../identity/credentials/credentials.service';
import { LoginDto } from './auth.dto';

const LOGIN_BODY = strictValidationPipe();

/** Console and API sign-in with a login name and password (passport-local), audited. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
  ) {
    super({ passReqToCallback: true });
  }

  async validate(request: FastifyRequest, username: string, password: string): Promise<UserIdentity> {
    // Passport reads the body before any pipe: validated here, before a password is checked.
    const body = (await LOGIN_BODY.transform(request.body, { type: 'body', metatype: LoginDto })) as LoginDto;
    const code = body.code;
    const result = await this.credentials.authenticate(username, password, request.ip, { code });
    const origin = { address: request.ip, userAgent: request.headers['user-agent']?.slice(0, 500) ?? null };
    // The console and API sign in people; machines and tokens use their own routes.
    if (!('identity' in result) || result.identity.kind !== 'user' || result.identity.token !== undefined) {
      const why = 'failure' in result ? result.failure : 'machine identities and tokens cannot sign in to the console';
      this.audit.record({
        category: 'login',
        action: 'session.refuse',
        actor: username.slice(0, 300),
        actorKind: 'unknown',
        outcome: 'refused',
        clause: why,
        ...origin,
      });
      if ('retryAfterMs' in result && result.retryAfterMs !== undefined) {
        throw AppError.tooManyRequests(result.retryAfterMs, 'failed sign-ins');
      }
      if ('secondFactor' in result && result.secondFactor === 'required') {
        throw new AppError(
          ErrorCode.TWO_FACTOR_REQUIRED,
          'Enter the code of your authenticator app (or a recovery code)',
        );
      }
      if ('secondFactor' in result && result.secondFactor === 'invalid') {
        throw new AppError(ErrorCode.TWO_FACTOR_INVALID, 'The code is wrong or was already used');
      }
      throw new UnauthorizedException('Wrong user name or password');
    }
    this.audit.record({
      category: 'login',
      action: 'session.start',
      actor: result.identity.name,
      actorKind: 'user',
      outcome: 'ok',
      ...origin,
    });
    return result.identity;
  }
}
