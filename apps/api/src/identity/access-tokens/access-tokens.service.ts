import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { UserIdentity } from '@portcullis/domain';
import { AppError, ErrorCode } from '../../common/app-error';
import { OpaqueToken } from '../../common/opaque-token';
import { pageOf } from '../../database/keyset';
import { pageRequestOf } from '../../database/pagination';
import {
  AccessTokenDto,
  AccessTokenListQueryDto,
  AccessTokenPageDto,
  AccessTokenWithSecretDto,
  CreateAccessTokenDto,
} from './access-tokens.dto';
import { AccessTokenRow, AccessTokensRepository } from './access-tokens.repository';

/** Personal access tokens: their `pcp_` tells them apart from passwords. */
export const ACCESS_TOKEN = new OpaqueToken('pcp_');

const notFound = (id: string) =>
  new AppError(ErrorCode.ACCESS_TOKEN_NOT_FOUND, `No personal access token has id ${id}`);

function toDto(row: AccessTokenRow): AccessTokenDto {
  return {
    id: row.id,
    name: row.name,
    userId: row.userId,
    readOnly: row.readOnly,
    registries: row.registries,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

@Injectable()
export class AccessTokensService {
  constructor(private readonly tokens: AccessTokensRepository) {}

  async create(caller: UserIdentity, input: CreateAccessTokenDto): Promise<AccessTokenWithSecretDto> {
    const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
    if (expiresAt !== null && expiresAt.getTime() <= Date.now()) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'expiresAt: must be in the future');
    }
    // A limited token never gets here (TokenScope 'credentials'): an unlimited one is its user.
    const readOnly = input.readOnly ?? false;
    const registries = [...new Set(input.registries ?? [])];
    const token = ACCESS_TOKEN.generate();
    const row = await this.tokens.create({
      id: randomUUID(),
      userId: caller.id,
      name: input.name,
      tokenHash: OpaqueToken.hash(token),
      readOnly,
      registries,
      expiresAt,
    });
    return { ...toDto(row), token };
  }

  async list(caller: UserIdentity, query: AccessTokenListQueryDto): Promise<AccessTokenPageDto> {
    const request = pageRequestOf(query, '-createdAt');
    return pageOf(
      await this.tokens.page(
        { ...(caller.isAdmin ? {} : { userId: caller.id }), ...(query.q === undefined ? {} : { q: query.q }) },
        request,
      ),
      request,
      toDto,
    );
  }

  /** A new token value with the same settings; the old value stops working at once. */
  async rotate(caller: UserIdentity, id: string): Promise<AccessTokenWithSecretDto> {
    await this.owned(caller, id);
    const token = ACCESS_TOKEN.generate();
    const row = await this.tokens.setHash(id, OpaqueToken.hash(token));
    if (!row) throw notFound(id);
    return { ...toDto(row), token };
  }

  async revoke(caller: UserIdentity, id: string): Promise<void> {
    await this.owned(caller, id);
    await this.tokens.revoke(id, new Date());
  }

  private async owned(caller: UserIdentity, id: string): Promise<void> {
    const row = await this.tokens.findById(id);
    if (!row || row.revokedAt || (!caller.isAdmin && row.userId !== caller.id)) throw notFound(id);
  }
}
