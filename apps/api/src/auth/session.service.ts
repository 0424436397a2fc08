import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { UserIdentity } from '@portcullis/domain';
import { AppError, ErrorCode } from '../common/app-error';
import { OpaqueToken } from '../common/opaque-token';
import { AppConfig } from '../config/app-config';
import { ACCESS_TOKEN } from '../identity/access-tokens/access-tokens.service';
import { CredentialsService } from '../identity/credentials/credentials.service';
import { TwoFactorService } from '../identity/two-factor/two-factor.service';
import { MeDto, SessionDto } from './auth.dto';
import { bearerOf } from './bearer';
import { SessionsRepository } from './sessions.repository';

export const SESSION_AUDIENCE = 'portcullis-api';
const REFRESH_TOKEN = new OpaqueToken('pcs_');

interface SessionClaims {
  sub: string;
  name: string;
  /** The session: revoking it (logout) kills its access tokens at once. */
  sid: string;
  /** Two-factor sign-in is required of the user and not set up: this token may only enrol. */
  enrol?: true;
}

/** A session's new tokens: the answer, and when its refresh token stops working. */
export interface IssuedSession {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly refreshExpiresAt: Date;
}

/** Who a session token stands for, and whether it may only enrol a second factor. */
export interface ResolvedSession {
  readonly identity: UserIdentity;
  readonly enrolmentOnly: boolean;
}

/**
 * API sessions: a short-lived HS256 access JWT (verified with that algorithm only) and a refresh
 * token that rotates at every use. Presenting a refresh token that was already rotated away ends
 * the session: one of the two holders is a thief.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly jwt: JwtService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
    private readonly twoFactor: TwoFactorService,
  ) {}

  /** The answer to a sign-in or refresh; `withRefreshToken: false` when a cookie carries it. */
  static answer(issued: IssuedSession, withRefreshToken: boolean): SessionDto {
    const { accessToken, expiresIn, refreshToken } = issued;
    return { accessToken, tokenType: 'Bearer', expiresIn, ...(withRefreshToken ? { refreshToken } : {}) };
  }

  /** A new access token for the session, with the refresh token that goes with it. */
  private async sessionFor(
    identity: UserIdentity,
    session: { id: string; expiresAt: Date },
    refreshToken: string,
  ): Promise<IssuedSession> {
    const claims: SessionClaims = { sub: String(identity.id), name: identity.name, sid: session.id };
    // Decided at each issue (sign-in, refresh): enrolling makes the next refresh a full session.
    if (await this.twoFactor.mustEnrol(identity.id)) claims.enrol = true;
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.config.sessionTtlSeconds,
      refreshToken,
      refreshExpiresAt: session.expiresAt,
    };
  }

  async start(identity: UserIdentity): Promise<IssuedSession> {
    const refreshToken = REFRESH_TOKEN.generate();
    const session = await this.sessions.create({
      id: randomUUID(),
      userId: identity.id,
      tokenHash: OpaqueToken.hash(refreshToken),
      expiresAt: new Date(Date.now() + this.config.sessionRefreshTtlSeconds * 1000),
    });
    return this.sessionFor(identity, session, refreshToken);
  }

  async refresh(refreshToken: string): Promise<IssuedSession> {
    const refused = new AppError(ErrorCode.UNAUTHENTICATED, 'The refresh token is not valid: sign in again');
    if (!REFRESH_TOKEN.accepts(refreshToken)) throw refused;
    const presented = OpaqueToken.hash(refreshToken);
    const session = await this.sessions.findByCurrentHash(presented);
    if (!session) {
      const replayed = await this.sessions.findByPreviousHash(presented);
      if (replayed) await this.sessions.revoke(replayed.id, new Date());
      throw refused;
    }
    if (session.revokedAt || session.expiresAt.getTime() <= Date.now()) throw refused;
    const identity = await this.credentials.activeUser(session.userId);
    if (!identity) throw refused;
    const next = REFRESH_TOKEN.generate();
    if (!(await this.sessions.rotate(session.id, presented, OpaqueToken.hash(next), new Date()))) throw refused;
    return this.sessionFor(identity, session, next);
  }

  /**
   * Ends the session of the presented refresh token (idempotent). A personal access token given
   * instead is revoked: signing out with one ends it.
   */
  async end(refreshToken: string): Promise<void> {
    if (ACCESS_TOKEN.accepts(refreshToken)) {
      await this.credentials.revokeAccessToken(refreshToken);
      return;
    }
    const session = await this.sessions.findByCurrentHash(OpaqueToken.hash(refreshToken));
    if (session) await this.sessions.revoke(session.id, new Date());
  }

  /**
   * Signing out: the session of the refresh token given, or else of the `Authorization: Bearer`
   * token; 401 when there is neither.
   */
  async signOut(refreshToken: string | undefined, authorization: string | undefined): Promise<void> {
    if (refreshToken !== undefined) return this.end(refreshToken);
    const bearer = bearerOf(authorization);
    if (bearer === undefined || !(await this.endByBearer(bearer))) {
      throw new AppError(
        ErrorCode.UNAUTHENTICATED,
        'Send the refresh token in the body, or the session token as Authorization: Bearer',
      );
    }
  }

  /**
   * Ends the session of a bearer access token, expired or not (the console signs out with the
   * token it holds), or revokes a personal access token; false when it is neither.
   */
  private async endByBearer(bearer: string): Promise<boolean> {
    if (ACCESS_TOKEN.accepts(bearer)) {
      await this.credentials.revokeAccessToken(bearer);
      return true;
    }
    let claims: SessionClaims;
    try {
      claims = await this.jwt.verifyAsync<SessionClaims & object>(bearer, { ignoreExpiration: true });
    } catch {
      return false;
    }
    if (typeof claims.sid !== 'string') return false;
    await this.sessions.revoke(claims.sid, new Date());
    return true;
  }

  /** Who the caller is, as the console shows it: name, admin, privileges, groups, a token's limits. */
  async me(caller: UserIdentity): Promise<MeDto> {
    const twoFactor = await this.twoFactor.status(caller.id);
    return {
      twoFactor: twoFactor.enabled,
      twoFactorEnrolmentRequired: twoFactor.enrolmentRequired,
      id: caller.id,
      name: caller.name,
      isAdmin: caller.isAdmin,
      privileges: [...caller.privileges],
      groups: caller.groups.map((g) => g.name),
      token: caller.token
        ? {
            id: caller.token.id,
            name: caller.token.name,
            readOnly: caller.token.readOnly,
            registries: caller.token.registries === null ? null : [...caller.token.registries],
          }
        : null,
    };
  }

  /** The active user a bearer access token stands for, while its session lives; or null. */
  async resolve(token: string): Promise<ResolvedSession | null> {
    let claims: SessionClaims;
    try {
      claims = await this.jwt.verifyAsync<SessionClaims & object>(token);
    } catch {
      return null;
    }
    const id = Number(claims.sub);
    if (!Number.isSafeInteger(id) || typeof claims.sid !== 'string') return null;
    const session = await this.sessions.findById(claims.sid);
    if (!session || session.revokedAt || session.userId !== id) return null;
    const identity = await this.credentials.activeUser(id);
    if (identity === null) return null;
    // Checked at every request, not only when the token was issued: a requirement set meanwhile
    // holds for sessions opened before it.
    return { identity, enrolmentOnly: claims.enrol === true || (await this.twoFactor.mustEnrol(id)) };
  }
}
