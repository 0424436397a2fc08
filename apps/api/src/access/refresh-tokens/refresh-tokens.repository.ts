import { Injectable } from '@nestjs/common';
import { Prisma } from '../../database/generated/client';
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

  listForUser(userId: number | undefined): Promise<RefreshTokenRow[]> {
    return this.prisma.refreshToken.findMany({
      where: { revokedAt: null, ...(userId === undefined ? {} : { userId }) },
      orderBy: { createdAt: 'desc' },
    });
  }

  findById(id: string): Promise<RefreshTokenRow | null> {
    return this.prisma.refreshToken.findUnique({ where: { id } });
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.prisma.refreshToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  }
}
