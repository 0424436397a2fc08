import { Injectable } from '@nestjs/common';
import { Prisma } from '../../database/generated/client';
import { PrismaService } from '../../database/prisma.service';

export type UserRow = Prisma.UserGetPayload<object>;

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByName(name: string): Promise<UserRow | null> {
    return this.prisma.user.findUnique({ where: { name } });
  }

  findById(id: number): Promise<UserRow | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  list(): Promise<UserRow[]> {
    return this.prisma.user.findMany({ orderBy: { id: 'asc' } });
  }

  /** Creates the user, or returns null when the name is taken. */
  async create(data: {
    name: string;
    email?: string;
    passwordHash: string;
    isAdmin: boolean;
  }): Promise<UserRow | null> {
    try {
      return await this.prisma.user.create({ data });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return null;
      throw error;
    }
  }

  /** Creates the user unless one with that name exists; true when this call created it. */
  async createIfAbsent(data: { name: string; passwordHash: string; isAdmin: boolean }): Promise<boolean> {
    const { count } = await this.prisma.user.createMany({ data: [data], skipDuplicates: true });
    return count === 1;
  }
}
