import { Injectable } from '@nestjs/common';
import { Prisma } from '../../database/generated/client';
import { type PageRequest, keyset } from '../../database/keyset';
import { isUniqueViolation } from '../../database/prisma-errors';
import { PrismaService } from '../../database/prisma.service';
import type { Tx } from '../../database/transactions';
import { appWithGroups } from '../apps/apps.repository';
import { MachineFilter, machineWhere } from '../machine-list';

const withApp = { include: { app: appWithGroups } } satisfies Prisma.ServiceDefaultArgs;
export type ServiceRow = Prisma.ServiceGetPayload<typeof withApp>;

@Injectable()
export class ServicesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One page of services: name contains `q`, of `app`, revoked or not. */
  page(filter: MachineFilter, request: PageRequest): Promise<ServiceRow[]> {
    const page = keyset<Prisma.ServiceWhereInput, Prisma.ServiceOrderByWithRelationInput>(request);
    return this.prisma.service.findMany({
      where: { AND: [page.where, machineWhere(filter)] },
      orderBy: page.orderBy,
      take: page.take,
      ...withApp,
    });
  }

  findById(id: number): Promise<ServiceRow | null> {
    return this.prisma.service.findUnique({ where: { id }, ...withApp });
  }

  findByName(name: string): Promise<ServiceRow | null> {
    return this.prisma.service.findUnique({ where: { name }, ...withApp });
  }

  async create(data: { name: string; appId: number; secretHash: string }): Promise<ServiceRow | null> {
    try {
      return await this.prisma.service.create({ data, ...withApp });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Sets a new secret hash and clears a revocation. */
  async setSecret(id: number, secretHash: string): Promise<ServiceRow | null> {
    const { count } = await this.prisma.service.updateMany({ where: { id }, data: { secretHash, revokedAt: null } });
    return count === 0 ? null : this.findById(id);
  }

  async revoke(id: number, at: Date): Promise<ServiceRow | null> {
    const { count } = await this.prisma.service.updateMany({ where: { id }, data: { revokedAt: at } });
    return count === 0 ? null : this.findById(id);
  }

  async touch(id: number, at: Date): Promise<void> {
    await this.prisma.service.updateMany({ where: { id }, data: { lastUsedAt: at } });
  }

  async delete(id: number): Promise<boolean> {
    const { count } = await this.prisma.service.deleteMany({ where: { id } });
    return count === 1;
  }

  /** The stored secret hashes of the services of these names (those that exist). */
  async secretHashesOf(names: readonly string[]): Promise<Map<string, { secretHash: string }>> {
    const rows = await this.prisma.service.findMany({
      where: { name: { in: [...names] } },
      select: { name: true, secretHash: true },
    });
    return new Map(rows.map((r) => [r.name, { secretHash: r.secretHash }]));
  }

  /** Writes a service as configuration declares it (one declared without a new hash exists already). */
  async applyDeclared(name: string, data: { appId: number; secretHash?: string }, tx: Tx): Promise<void> {
    const { secretHash } = data;
    if (secretHash === undefined) await tx.service.update({ where: { name }, data });
    else await tx.service.upsert({ where: { name }, create: { ...data, name, secretHash }, update: data });
  }
}
