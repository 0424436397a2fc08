import { Injectable } from '@nestjs/common';
import { Prisma } from '../../database/generated/client';
import { type PageRequest, keyset } from '../../database/keyset';
import { PrismaService } from '../../database/prisma.service';

export type RefreshTokenRow = Prisma.RefreshTokenGetPayload<object>;

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: {
    id: string;
    userId: number;
    tokenHash: string;
    service: string;
    clientId: string | null;
  }): Promise<RefreshTokenRow> {
    return this.prisma.refreshToken.create({ data });
  }

  /** The live token with this hash, marking it used. */
  async useByHash(tokenHash: string, now: Date): Promise<RefreshTokenRow | null> {
    const rows = await this.prisma.refreshToken.updateManyAndReturn({
      where: { tokenHash, revokedAt: null },
      data: { lastUsedAt: now },
    });
    return rows[0] ?? null;
  }

  /** One page of live tokens, of `userId` (all users' when undefined), for `service`. */
  page(filter: { userId?: number; service?: string }, request: PageRequest): Promise<RefreshTokenRow[]> {
    const page = keyset<Prisma.RefreshTokenWhereInput, Prisma.RefreshTokenOrderByWithRelationInput>(request);
    return this.prisma.refreshToken.findMany({
      where: {
        AND: [
          page.where,
          {
            revokedAt: null,
            ...(filter.userId === undefined ? {} : { userId: filter.userId }),
            ...(filter.service === undefined ? {} : { service: filter.service }),
          },
        ],
      },
      orderBy: page.orderBy,
      take: page.take,
    });
  }

  findById(id: string): Promise<RefreshTokenRow | null> {
    return this.prisma.refreshToken.findUnique({ where: { id } });
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.prisma.refreshToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  }
}
