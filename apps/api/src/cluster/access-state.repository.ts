import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { AccessChangeRow } from './access-changes';

@Injectable()
export class AccessStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The access generation: triggers increase it with every change a token decision depends on. */
  async generation(): Promise<bigint> {
    const row = await this.prisma.accessState.findUniqueOrThrow({ where: { id: 1 }, select: { generation: true } });
    return row.generation;
  }

  /** The change log's rows after generation `after`, up to `upTo`, oldest first. */
  changesBetween(after: bigint, upTo: bigint): Promise<AccessChangeRow[]> {
    return this.prisma.accessChange.findMany({
      where: { generation: { gt: after, lte: upTo } },
      orderBy: { generation: 'asc' },
      select: { generation: true, kind: true, ids: true },
    });
  }
}
