import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ANONYMOUS,
  type AccessGrant,
  type Identity,
  type RegistryPolicy,
  buildRegistryClaims,
  formatScope,
  grantOutcome,
  loginNameOf,
  subjectOf,
} from '@portcullis/domain';
import { AuditService, type RepeatedEvent, auditKeyOf } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { isSignInUnavailable } from '../directory/directory-unavailable';
import { CredentialsService } from '../identity/credentials/credentials.service';
import { RefreshTokensService } from '../identity/refresh-tokens/refresh-tokens.service';
import { Metrics, type TokenOutcome } from '../observability/metrics';
import { AccessSnapshot, type PolicySnapshot } from '../policy/access-snapshot';
import { PolicyService } from '../policy/policy.service';
import { TokenSigner } from '../signing/token-signer';
import { TokenCredentials, TokenRequest } from './token-request.parser';
import { TokenResponseDto } from './token.dto';
import { TokenError } from './token.error';

/** Where a token request came from, for the audit log. */
export interface RequestOrigin {
  readonly address?: string | undefined;
  readonly userAgent?: string | undefined;
  /** Set by `issue`: who the request authenticated as (or tried to), for the access log. */
  actor?: string;
}

/** What a token request decided, with what its token and audit event say of it. */
interface Decided {
  readonly grants: readonly AccessGrant[];
  readonly outcome: 'granted' | 'partial' | 'denied';
  readonly clause: string;
  readonly actor: string;
  readonly actorKind: Identity['kind'] | 'token';
  readonly accessToken: string | undefined;
  /** What makes two issued tokens the same audit event (kept: the same string hashes once). */
  readonly auditKey: string;
  /** The granted access in the scope grammar, space-separated (oauth.md's `scope`); '' for none. */
  readonly scope: string;
}

/** Where a token request came from and for which registry, as its audit event says. */
interface AuditOrigin {
  readonly address: string | null;
  readonly userAgent: string | null;
  readonly registry: string;
}

/** Decisions kept per login: one snapshot's, for this many different requests at most. */
const DECISIONS_PER_LOGIN = 64;

type Authenticated = { identity: Identity } | { failure: string; account: string; retryAfterMs?: number | undefined };

/** A decision, with what its token and audit event say of it. */
function describe(
  identity: Identity,
  grants: readonly AccessGrant[],
  request: TokenRequest,
  origin: AuditOrigin,
): Decided {
  const actor = loginNameOf(identity);
  const accessToken = identity.kind === 'user' ? identity.token?.name : undefined;
  const actorKind = accessToken === undefined ? identity.kind : 'token';
  const clause =
    grants.length === 0
      ? 'login: no scope requested'
      : grants.map((g) => `${g.type}:${g.name}: ${g.clause}`).join(' | ');
  // Flat (cheaper than the event's own JSON): the clauses name every action's reason, the
  // granted lists what each gave.
  const auditKey = JSON.stringify([
    actor,
    actorKind,
    origin.address,
    origin.userAgent,
    origin.registry,
    clause,
    accessToken ?? null,
    request.clientId ?? null,
    ...grants.flatMap((g) => [g.type, g.class ?? null, g.name, g.requested.join(','), g.granted.join(',')]),
  ]);
  const scope = grants
    .filter((g) => g.granted.length > 0)
    .map((g) =>
      formatScope({
        type: g.type,
        ...(g.class === undefined ? {} : { class: g.class }),
        name: g.name,
        actions: g.granted,
      }),
    )
    .join(' ');
  return { grants, outcome: grantOutcome(grants), clause, actor, actorKind, accessToken, auditKey, scope };
}

/** Issues registry tokens (token.md, oauth.md): authenticate, decide, sign, audit. */
@Injectable()
export class TokenService {
  private readonly decisions = new WeakMap<Identity, { snapshot: PolicySnapshot; byRequest: Map<string, Decided> }>();

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
      if (isSignInUnavailable(error)) counted.outcome = 'unavailable';
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
    const snapshot = await this.snapshot.current();
    const known = snapshot.registries.get(request.service);
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
      if (authenticated.account !== '') origin.actor = authenticated.account;
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
    // Read again: checking a password against the database takes long enough for a policy change.
    const current = await this.snapshot.current();
    const policy = current.registries.get(request.service)?.policy;
    if (!policy) throw TokenError.unknownService(request.service);
    const decided = this.decided(identity, current, policy, request, auditBase);
    origin.actor = decided.actor;
    counted.outcome = decided.outcome;
    const now = Date.now();
    const claims = buildRegistryClaims({
      issuer: this.config.token.issuer,
      subject: subjectOf(identity),
      service: registry.service,
      now,
      ttlSeconds: this.config.token.ttlSeconds,
      jwtId: randomUUID(),
      grants: decided.grants,
    });
    const token = this.signer.sign(claims);
    const response: TokenResponseDto = {
      // Both names, identical: docker, containerd and crane read access_token, containers/image token.
      token,
      access_token: token,
      expires_in: this.config.token.ttlSeconds,
      issued_at: new Date(claims.iat * 1000).toISOString(),
    };
    if (decided.scope !== '') response.scope = decided.scope;
    if (request.credentials.kind === 'refresh_token') {
      // oauth.md: a refresh_token grant returns the same refresh token.
      response.refresh_token = request.credentials.token;
    } else if (request.offline && identity.kind === 'user' && identity.token === undefined) {
      response.refresh_token = await this.refreshTokens.issue(identity, registry.service, request.clientId);
    }
    this.audit.recordRepeated(
      decided.auditKey,
      () => ({
        ...auditBase,
        action: 'token.issue',
        actor: decided.actor,
        actorKind: decided.actorKind,
        outcome: decided.outcome,
        clause: decided.clause,
        detail: {
          ...(decided.accessToken === undefined ? {} : { accessToken: decided.accessToken }),
          ...(request.clientId === undefined ? {} : { clientId: request.clientId }),
          access: decided.grants.map((g) => ({
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

  /**
   * The decision on a request. decideAccess reads nothing but the identity, the policy snapshot,
   * the registry, the client's address and the scopes, so a decision is kept per login (the
   * credential cache hands out the same identity object for every token of a login), for the
   * snapshot it was made in, by the rest and by what its audit event also says (user agent, client
   * id): a CI job asking again for the same repository gets its token without a new decision. Another snapshot (any policy change), or another identity object
   * (a new login check), decides anew.
   */
  private decided(
    identity: Identity,
    snapshot: PolicySnapshot,
    policy: RegistryPolicy,
    request: TokenRequest,
    origin: AuditOrigin,
  ): Decided {
    const key = JSON.stringify([
      request.service,
      origin.address,
      origin.userAgent,
      request.clientId ?? null,
      request.scopeKey,
    ]);
    let kept = this.decisions.get(identity);
    if (kept?.snapshot !== snapshot) {
      kept = { snapshot, byRequest: new Map() };
      this.decisions.set(identity, kept);
    }
    let decided = kept.byRequest.get(key);
    if (decided === undefined) {
      if (kept.byRequest.size >= DECISIONS_PER_LOGIN) kept.byRequest.clear();
      const grants = this.policy.decideIn(snapshot, identity, policy, request.scopes, origin.address ?? undefined);
      decided = describe(identity, grants, request, origin);
      kept.byRequest.set(key, decided);
    }
    return decided;
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
