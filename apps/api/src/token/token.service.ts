import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ANONYMOUS,
  type AccessGrant,
  type Identity,
  buildRegistryClaims,
  formatScope,
  loginNameOf,
  subjectOf,
} from '@portcullis/domain';
import { AccessSnapshot } from '../access/access-snapshot';
import { CredentialsService } from '../access/credentials.service';
import { PolicyService } from '../access/policy.service';
import { RefreshTokensService } from '../access/refresh-tokens/refresh-tokens.service';
import { AuditService, type RepeatedEvent, auditKeyOf } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { Metrics, type TokenOutcome } from '../observability/metrics';
import { TokenSigner } from '../signing/token-signer';
import { TokenCredentials, TokenRequest } from './token-request.parser';
import { TokenResponseDto } from './token.dto';
import { TokenError } from './token.error';

/** Where a token request came from, for the audit log. */
export interface RequestOrigin {
  readonly address?: string | undefined;
  readonly userAgent?: string | undefined;
}

type Authenticated = { identity: Identity } | { failure: string; account: string; retryAfterMs?: number | undefined };

/** A login that asks for no scope is granted. */
function outcomeOf(grants: readonly AccessGrant[]): 'granted' | 'partial' | 'denied' {
  if (grants.every((g) => g.granted.length === g.requested.length)) return 'granted';
  return grants.some((g) => g.granted.length > 0) ? 'partial' : 'denied';
}

/** Issues registry tokens (token.md, oauth.md): authenticate, decide, sign, audit. */
@Injectable()
export class TokenService {
  constructor(
    private readonly snapshot: AccessSnapshot,
    private readonly credentials: CredentialsService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly policy: PolicyService,
    private readonly signer: TokenSigner,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** A token for the request, counted and timed in the metrics by its outcome. */
  async issue(request: TokenRequest, origin: RequestOrigin = {}): Promise<TokenResponseDto> {
    const started = performance.now();
    const counted: { outcome: TokenOutcome } = { outcome: 'error' };
    try {
      return await this.answer(request, origin, counted);
    } catch (error) {
      if (isDatabaseUnavailable(error)) counted.outcome = 'unavailable';
      throw error;
    } finally {
      this.metrics.tokenRequest(counted.outcome, (performance.now() - started) / 1000);
    }
  }

  private async answer(
    request: TokenRequest,
    origin: RequestOrigin,
    counted: { outcome: TokenOutcome },
  ): Promise<TokenResponseDto> {
    const known = (await this.snapshot.current()).registries.get(request.service);
    if (!known) throw TokenError.unknownService(request.service);
    const registry = known.row;

    const authenticated = await this.authenticate(request.credentials, request.service, origin.address);
    const auditBase = {
      category: 'token' as const,
      address: origin.address ?? null,
      userAgent: origin.userAgent?.slice(0, 500) ?? null,
      registry: registry.service,
    };
    if ('failure' in authenticated) {
      counted.outcome = authenticated.retryAfterMs === undefined ? 'refused' : 'locked';
      const refusal: RepeatedEvent = {
        ...auditBase,
        action: 'token.refuse',
        actor: authenticated.account,
        actorKind: 'unknown',
        outcome: 'refused',
        clause: authenticated.failure,
        detail: { requested: request.scopes.map(formatScope) },
      };
      this.audit.recordRepeated(auditKeyOf(refusal), () => refusal);
      throw authenticated.retryAfterMs === undefined
        ? TokenError.unauthorized('authentication failed')
        : TokenError.tooManyRequests(authenticated.retryAfterMs);
    }
    const identity = authenticated.identity;
    const grants = await this.policy.decide(identity, known.policy, request.scopes, origin.address);
    counted.outcome = outcomeOf(grants);
    const now = Date.now();
    const claims = buildRegistryClaims({
      issuer: this.config.token.issuer,
      subject: subjectOf(identity),
      service: registry.service,
      now,
      ttlSeconds: this.config.token.ttlSeconds,
      jwtId: randomUUID(),
      grants,
    });
    const token = this.signer.sign(claims);
    const response: TokenResponseDto = {
      // Both names, identical: docker, containerd and crane read access_token, containers/image token.
      token,
      access_token: token,
      expires_in: this.config.token.ttlSeconds,
      issued_at: new Date(claims.iat * 1000).toISOString(),
    };
    if (request.credentials.kind === 'refresh_token') {
      // oauth.md: a refresh_token grant returns the same refresh token.
      response.refresh_token = request.credentials.token;
    } else if (request.offline && identity.kind === 'user' && identity.token === undefined) {
      response.refresh_token = await this.refreshTokens.issue(identity, registry.service, request.clientId);
    }
    const actor = loginNameOf(identity);
    const accessToken = identity.kind === 'user' ? identity.token?.name : undefined;
    const actorKind = accessToken === undefined ? identity.kind : 'token';
    const clause =
      grants.length === 0
        ? 'login: no scope requested'
        : grants.map((g) => `${g.type}:${g.name}: ${g.clause}`).join(' | ');
    // What makes two issued tokens the same decision, flat (cheaper than the event's own JSON):
    // the clauses name every action's reason, the granted lists what each gave.
    const sameAs = JSON.stringify([
      actor,
      actorKind,
      auditBase.address,
      auditBase.userAgent,
      auditBase.registry,
      clause,
      accessToken ?? null,
      request.clientId ?? null,
      ...grants.flatMap((g) => [g.type, g.class ?? null, g.name, g.requested.join(','), g.granted.join(',')]),
    ]);
    this.audit.recordRepeated(
      sameAs,
      () => ({
        ...auditBase,
        action: 'token.issue',
        actor,
        actorKind,
        outcome: outcomeOf(grants),
        clause,
        detail: {
          ...(accessToken === undefined ? {} : { accessToken }),
          ...(request.clientId === undefined ? {} : { clientId: request.clientId }),
          access: grants.map((g) => ({
            type: g.type,
            name: g.name,
            requested: g.requested,
            granted: g.granted,
            decisions: g.decisions,
          })),
        },
      }),
      claims.jti,
    );
    return response;
  }

  private async authenticate(
    credentials: TokenCredentials,
    service: string,
    address: string | undefined,
  ): Promise<Authenticated> {
    switch (credentials.kind) {
      case 'anonymous':
        return { identity: ANONYMOUS };
      case 'password': {
        const result = await this.credentials.authenticate(credentials.username, credentials.password, address);
        return 'identity' in result
          ? result
          : { failure: result.failure, account: credentials.username, retryAfterMs: result.retryAfterMs };
      }
      case 'refresh_token': {
        const identity = await this.refreshTokens.redeem(credentials.token, service);
        return identity
          ? { identity }
          : { failure: 'refresh token unknown, revoked, for another service, or of a disabled user', account: '' };
      }
    }
  }
}
