import { Injectable } from '@nestjs/common';
import type { RobotPermission } from '@portcullis/domain';
import { Prisma } from '../../database/generated/client';
import { type PageRequest, keyset } from '../../database/keyset';
import { isUniqueViolation } from '../../database/prisma-errors';
import { PrismaService } from '../../database/prisma.service';
import type { Tx } from '../../database/transactions';
import { appWithGroups } from '../apps/apps.repository';
import { MachineFilter, machineWhere } from '../machine-list';

const withApp = { include: { app: appWithGroups } } satisfies Prisma.RobotDefaultArgs;
export type RobotRow = Prisma.RobotGetPayload<typeof withApp>;

export function permissionsOf(row: RobotRow): RobotPermission[] {
  return row.permissions as unknown as RobotPermission[];
}

@Injectable()
export class RobotsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One page of robots: name contains `q`, of `app`, revoked or not. */
  page(filter: MachineFilter, request: PageRequest): Promise<RobotRow[]> {
    const page = keyset<Prisma.RobotWhereInput, Prisma.RobotOrderByWithRelationInput>(request);
    return this.prisma.robot.findMany({
      where: { AND: [page.where, machineWhere(filter)] },
      orderBy: page.orderBy,
      take: page.take,
      ...withApp,
    });
  }

  findById(id: number): Promise<RobotRow | null> {
    return this.prisma.robot.findUnique({ where: { id }, ...withApp });
  }

  findByName(name: string): Promise<RobotRow | null> {
    return this.prisma.robot.findUnique({ where: { name }, ...withApp });
  }

  async create(data: {
    name: string;
    appId: number;
    secretHash: string;
    permissions: RobotPermission[];
    expiresAt: Date | null;
  }): Promise<RobotRow | null> {
    try {
      return await this.prisma.robot.create({
        data: { ...data, permissions: data.permissions as unknown as Prisma.InputJsonValue },
        ...withApp,
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async update(
    id: number,
    data: { secretHash?: string; revokedAt?: Date | null; permissions?: RobotPermission[]; expiresAt?: Date | null },
  ): Promise<RobotRow | null> {
    const { permissions, ...rest } = data;
    const { count } = await this.prisma.robot.updateMany({
      where: { id },
      data: {
        ...rest,
        ...(permissions === undefined ? {} : { permissions: permissions as unknown as Prisma.InputJsonValue }),
      },
    });
    return count === 0 ? null : this.findById(id);
  }

  async touch(id: number, at: Date): Promise<void> {
    await this.prisma.robot.updateMany({ where: { id }, data: { lastUsedAt: at } });
  }

  async delete(id: number): Promise<boolean> {
    const { count } = await this.prisma.robot.deleteMany({ where: { id } });
    return count === 1;
  }

  /** The stored secret hashes of the robots of these names (those that exist). */
  async secretHashesOf(names: readonly string[]): Promise<Map<string, { secretHash: string }>> {
    const rows = await this.prisma.robot.findMany({
      where: { name: { in: [...names] } },
      select: { name: true, secretHash: true },
    });
    return new Map(rows.map((r) => [r.name, { secretHash: r.secretHash }]));
  }

  /** Writes a robot as configuration declares it (one declared without a new hash exists already). */
  async applyDeclared(
    name: string,
    declared: { appId: number; permissions: RobotPermission[]; expiresAt: Date | null; secretHash?: string },
    tx: Tx,
  ): Promise<void> {
    const { secretHash } = declared;
    const data = { ...declared, permissions: declared.permissions as unknown as Prisma.InputJsonValue };
    if (secretHash === undefined) await tx.robot.update({ where: { name }, data });
    else await tx.robot.upsert({ where: { name }, create: { ...data, name, secretHash }, update: data });
  }
}
