import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class AccessStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The access generation: triggers increase it with every change a token decision depends on. */
  async generation(): Promise<bigint> {
    const row = await this.prisma.accessState.findUniqueOrThrow({ where: { id: 1 }, select: { generation: true } });
    return row.generation;
  }
}
