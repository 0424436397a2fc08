import { Injectable } from '@nestjs/common';
import { Prisma } from '../database/generated/client';
import { PrismaService } from '../database/prisma.service';

export type SessionRow = Prisma.SessionGetPayload<object>;

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { id: string; userId: number; tokenHash: string; expiresAt: Date }): Promise<SessionRow> {
    return this.prisma.session.create({ data });
  }

  findById(id: string): Promise<SessionRow | null> {
    return this.prisma.session.findUnique({ where: { id } });
  }

  findByCurrentHash(tokenHash: string): Promise<SessionRow | null> {
    return this.prisma.session.findUnique({ where: { tokenHash } });
  }

  findByPreviousHash(tokenHash: string): Promise<SessionRow | null> {
    return this.prisma.session.findUnique({ where: { previousHash: tokenHash } });
  }

  /** Swaps the refresh token, only if it is still the one presented (two racing refreshes: one wins). */
  async rotate(id: string, presentedHash: string, nextHash: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.session.updateMany({
      where: { id, tokenHash: presentedHash, revokedAt: null },
      data: { tokenHash: nextHash, previousHash: presentedHash, lastUsedAt: at },
    });
    return count === 1;
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  }
}
