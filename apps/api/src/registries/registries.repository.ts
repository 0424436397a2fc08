import { Injectable } from '@nestjs/common';
import { Prisma } from '../database/generated/client';
import { PrismaService } from '../database/prisma.service';

export type RegistryRow = Prisma.RegistryGetPayload<object>;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

@Injectable()
export class RegistriesRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByService(service: string): Promise<RegistryRow | null> {
    return this.prisma.registry.findUnique({ where: { service } });
  }

  findById(id: number): Promise<RegistryRow | null> {
    return this.prisma.registry.findUnique({ where: { id } });
  }

  list(): Promise<RegistryRow[]> {
    return this.prisma.registry.findMany({ orderBy: { service: 'asc' } });
  }

  /** Creates it, or returns null when the service name is taken. */
  async create(data: { service: string; url: string; insecure: boolean }): Promise<RegistryRow | null> {
    try {
      return await this.prisma.registry.create({ data });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Updates it, or returns null when it does not exist. */
  async update(id: number, data: { url?: string; insecure?: boolean }): Promise<RegistryRow | null> {
    const { count } = await this.prisma.registry.updateMany({ where: { id }, data });
    return count === 0 ? null : this.findById(id);
  }

  /** True when a row was deleted. */
  async delete(id: number): Promise<boolean> {
    const { count } = await this.prisma.registry.deleteMany({ where: { id } });
    return count === 1;
  }
}
