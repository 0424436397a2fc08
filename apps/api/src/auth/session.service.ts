import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { UserIdentity } from '@portcullis/domain';
import { CredentialsService } from '../access/credentials.service';
import { ACCESS_TOKEN } from '../access/tokens/access-tokens.service';
import { TwoFactorService } from '../access/two-factor/two-factor.service';
import { AppError, ErrorCode } from '../common/app-error';
import { OpaqueToken } from '../common/opaque-token';
import { AppConfig } from '../config/app-config';
import { SessionDto } from './auth.dto';
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

  /** A new access token for the session, with the refresh token that goes with it. */
  private async sessionFor(identity: UserIdentity, sessionId: string, refreshToken: string): Promise<SessionDto> {
    const claims: SessionClaims = { sub: String(identity.id), name: identity.name, sid: sessionId };
    // Decided at each issue (sign-in, refresh): enrolling makes the next refresh a full session.
    if (await this.twoFactor.mustEnrol(identity.id)) claims.enrol = true;
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.sessionTtlSeconds,
      refreshToken,
    };
  }

  async start(identity: UserIdentity): Promise<SessionDto> {
    const id = randomUUID();
    const refreshToken = REFRESH_TOKEN.generate();
    await this.sessions.create({
      id,
      userId: identity.id,
      tokenHash: OpaqueToken.hash(refreshToken),
      expiresAt: new Date(Date.now() + this.config.sessionRefreshTtlSeconds * 1000),
    });
    return this.sessionFor(identity, id, refreshToken);
  }

  async refresh(refreshToken: string): Promise<SessionDto> {
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
    return this.sessionFor(identity, session.id, next);
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
