import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { identityOf } from '../../identity/credentials/credentials.service';
import { type IssuedSession, SessionService } from '../session.service';
import { type OidcFailure, OidcService, safeReturnUrl } from './oidc.service';

/** Where a sign-in came from, for the audit log. */
export interface SignInOrigin {
  readonly address: string;
  readonly userAgent: string | null;
}

/**
 * An OpenID Connect sign-in, from the provider's callback to a console session: audited either
 * way, the refusal's reason (which may name accounts) for the audit log only.
 */
@Injectable()
export class OidcSignIn {
  constructor(
    private readonly oidc: OidcService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  /** Where to send the browser and the cookie that remembers this sign-in, or why it cannot start. */
  async begin(
    returnUrl: string | undefined,
  ): Promise<{ location: string; flow: string } | { code: 'unconfigured' | 'unavailable' }> {
    if (this.oidc.label === undefined) return { code: 'unconfigured' };
    try {
      return await this.oidc.start(returnUrl);
    } catch {
      return { code: 'unavailable' };
    }
  }

  async complete(
    callbackUrl: URL,
    flowCookie: string | undefined,
    origin: SignInOrigin,
  ): Promise<{ session: IssuedSession; returnUrl: string } | { code: OidcFailure['code'] | 'unconfigured' }> {
    if (this.oidc.label === undefined) return { code: 'unconfigured' };
    const result = await this.oidc.finish(callbackUrl, flowCookie);
    if ('failure' in result) {
      this.audit.record({
        category: 'login',
        action: 'session.refuse',
        actor: result.user ?? 'oidc',
        actorKind: 'unknown',
        outcome: 'refused',
        clause: `OpenID Connect: ${result.failure}`,
        ...origin,
      });
      return { code: result.code };
    }
    const session = await this.sessions.start(identityOf(result.row));
    this.audit.record({
      category: 'login',
      action: 'session.start',
      actor: result.row.name,
      actorKind: 'user',
      outcome: 'ok',
      clause: 'OpenID Connect',
      ...origin,
    });
    return { session, returnUrl: safeReturnUrl(result.returnUrl) };
  }
}
