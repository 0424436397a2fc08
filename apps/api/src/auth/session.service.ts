import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { UserIdentity } from '@portcullis/domain';
import { CredentialsService } from '../access/credentials.service';
import { AppError, ErrorCode } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { SessionDto } from './auth.dto';
import { SessionsRepository } from './sessions.repository';

export const SESSION_AUDIENCE = 'portcullis-api';
const REFRESH_PREFIX = 'pcs_';

interface SessionClaims {
  sub: string;
  name: string;
  /** The session: revoking it (logout) kills its access tokens at once. */
  sid: string;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const newRefreshToken = () => REFRESH_PREFIX + randomBytes(32).toString('base64url');

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
  ) {}

  private async accessFor(identity: UserIdentity, sessionId: string): Promise<string> {
    const claims: SessionClaims = { sub: String(identity.id), name: identity.name, sid: sessionId };
    return this.jwt.signAsync(claims);
  }

  async start(identity: UserIdentity): Promise<SessionDto> {
    const id = randomUUID();
    const refreshToken = newRefreshToken();
    await this.sessions.create({
      id,
      userId: identity.id,
      tokenHash: hashOf(refreshToken),
      expiresAt: new Date(Date.now() + this.config.sessionRefreshTtlSeconds * 1000),
    });
    return {
      accessToken: await this.accessFor(identity, id),
      tokenType: 'Bearer',
      expiresIn: this.config.sessionTtlSeconds,
      refreshToken,
    };
  }

  async refresh(refreshToken: string): Promise<SessionDto> {
    const refused = new AppError(ErrorCode.UNAUTHENTICATED, 'The refresh token is not valid: sign in again');
    if (!refreshToken.startsWith(REFRESH_PREFIX) || refreshToken.length > 128) throw refused;
    const presented = hashOf(refreshToken);
    const session = await this.sessions.findByCurrentHash(presented);
    if (!session) {
      const replayed = await this.sessions.findByPreviousHash(presented);
      if (replayed) await this.sessions.revoke(replayed.id, new Date());
      throw refused;
    }
    if (session.revokedAt || session.expiresAt.getTime() <= Date.now()) throw refused;
    const identity = await this.credentials.activeUser(session.userId);
    if (!identity) throw refused;
    const next = newRefreshToken();
    if (!(await this.sessions.rotate(session.id, presented, hashOf(next), new Date()))) throw refused;
    return {
      accessToken: await this.accessFor(identity, session.id),
      tokenType: 'Bearer',
      expiresIn: this.config.sessionTtlSeconds,
      refreshToken: next,
    };
  }

  /** Ends the session of the presented refresh token (idempotent). */
  async end(refreshToken: string): Promise<void> {
    const session = await this.sessions.findByCurrentHash(hashOf(refreshToken));
    if (session) await this.sessions.revoke(session.id, new Date());
  }

  /** The active user a bearer access token stands for, while its session lives; or null. */
  async resolve(token: string): Promise<UserIdentity | null> {
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
    return this.credentials.activeUser(id);
  }
}
