import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { UserIdentity } from '@portcullis/domain';
import { CredentialsService } from '../access/credentials.service';
import { AppConfig } from '../config/app-config';
import { SessionDto } from './auth.dto';

export const SESSION_AUDIENCE = 'portcullis-api';

interface SessionClaims {
  sub: string;
  name: string;
}

/** API session tokens: short-lived HS256 JWTs, verified with that algorithm only. */
@Injectable()
export class SessionService {
  constructor(
    private readonly jwt: JwtService,
    private readonly credentials: CredentialsService,
    private readonly config: AppConfig,
  ) {}

  async start(identity: UserIdentity): Promise<SessionDto> {
    const claims: SessionClaims = { sub: String(identity.id), name: identity.name };
    const accessToken = await this.jwt.signAsync(claims);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.sessionTtlSeconds };
  }

  /** The active user a bearer token stands for, or null. */
  async resolve(token: string): Promise<UserIdentity | null> {
    let claims: SessionClaims;
    try {
      claims = await this.jwt.verifyAsync<SessionClaims & object>(token);
    } catch {
      return null;
    }
    const id = Number(claims.sub);
    return Number.isSafeInteger(id) ? this.credentials.activeUser(id) : null;
  }
}
