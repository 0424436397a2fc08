import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UserIdentity } from '@portcullis/domain';
import { AppError, ErrorCode } from '../../common/app-error';
import { OpaqueToken } from '../../common/opaque-token';
import { pageOf } from '../../database/keyset';
import { pageRequestOf } from '../../database/pagination';
import { CredentialsService } from '../credentials/credentials.service';
import { RefreshTokenDto, RefreshTokenListQueryDto, RefreshTokenPageDto } from './refresh-tokens.dto';
import { RefreshTokenRow, RefreshTokensRepository } from './refresh-tokens.repository';

const REFRESH_TOKEN = new OpaqueToken('pcr_');

function toDto(row: RefreshTokenRow): RefreshTokenDto {
  return {
    id: row.id,
    userId: row.userId,
    service: row.service,
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * OAuth2 refresh tokens (docker's "identity tokens"): opaque, without expiry (oauth.md), stored as
 * a SHA-256, bound to the registry service they were issued for, revocable.
 */
@Injectable()
export class RefreshTokensService {
  constructor(
    private readonly tokens: RefreshTokensRepository,
    private readonly credentials: CredentialsService,
  ) {}

  async issue(identity: UserIdentity, service: string, clientId: string | undefined): Promise<string> {
    const token = REFRESH_TOKEN.generate();
    await this.tokens.create({
      id: randomUUID(),
      userId: identity.id,
      tokenHash: OpaqueToken.hash(token),
      service,
      clientId: clientId ?? null,
    });
    return token;
  }

  /** The user a refresh token stands for, or null if it is unknown, revoked, for another service, or its user is disabled. */
  async redeem(token: string, service: string): Promise<UserIdentity | null> {
    if (!REFRESH_TOKEN.accepts(token)) return null;
    const row = await this.tokens.useByHash(OpaqueToken.hash(token), new Date());
    if (!row || row.service !== service) return null;
    return this.credentials.activeUser(row.userId);
  }

  async list(caller: UserIdentity, query: RefreshTokenListQueryDto): Promise<RefreshTokenPageDto> {
    const request = pageRequestOf(query, '-createdAt');
    return pageOf(
      await this.tokens.page(
        {
          ...(caller.isAdmin ? {} : { userId: caller.id }),
          ...(query.service === undefined ? {} : { service: query.service }),
        },
        request,
      ),
      request,
      toDto,
    );
  }

  async revoke(caller: UserIdentity, id: string): Promise<void> {
    const row = await this.tokens.findById(id);
    if (!row || row.revokedAt || (!caller.isAdmin && row.userId !== caller.id)) {
      throw new AppError(ErrorCode.REFRESH_TOKEN_NOT_FOUND, `No refresh token has id ${id}`);
    }
    await this.tokens.revoke(id, new Date());
  }
}
