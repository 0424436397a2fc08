import { Injectable } from '@nestjs/common';
import { Prisma } from '../../database/generated/client';
import { type PageRequest, keyset } from '../../database/keyset';
import { nameContains } from '../../database/pagination';
import { PrismaService } from '../../database/prisma.service';

export type AccessTokenRow = Prisma.PersonalAccessTokenGetPayload<object>;

@Injectable()
export class AccessTokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: {
    id: string;
    userId: number;
    name: string;
    tokenHash: string;
    readOnly: boolean;
    registries: string[];
    expiresAt: Date | null;
  }): Promise<AccessTokenRow> {
    return this.prisma.personalAccessToken.create({ data });
  }

  findByHash(tokenHash: string): Promise<AccessTokenRow | null> {
    return this.prisma.personalAccessToken.findUnique({ where: { tokenHash } });
  }

  findById(id: string): Promise<AccessTokenRow | null> {
    return this.prisma.personalAccessToken.findUnique({ where: { id } });
  }

  /** One page of live tokens, of `userId` (all users' when undefined), name contains `q`. */
  page(filter: { userId?: number; q?: string }, request: PageRequest): Promise<AccessTokenRow[]> {
    const name = nameContains(filter.q);
    const page = keyset<Prisma.PersonalAccessTokenWhereInput, Prisma.PersonalAccessTokenOrderByWithRelationInput>(
      request,
    );
    return this.prisma.personalAccessToken.findMany({
      where: {
        AND: [
          page.where,
          {
            revokedAt: null,
            ...(filter.userId === undefined ? {} : { userId: filter.userId }),
            ...(name ? { name } : {}),
          },
        ],
      },
      orderBy: page.orderBy,
      take: page.take,
    });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.personalAccessToken.updateMany({ where: { id }, data: { lastUsedAt: at } });
  }

  /** A new hash for a live token; null when it is gone or revoked. */
  async setHash(id: string, tokenHash: string): Promise<AccessTokenRow | null> {
    const { count } = await this.prisma.personalAccessToken.updateMany({
      where: { id, revokedAt: null },
      data: { tokenHash },
    });
    return count === 0 ? null : this.findById(id);
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.prisma.personalAccessToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  }
}
