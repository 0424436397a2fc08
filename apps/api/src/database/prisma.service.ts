import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Database } from './database';
import { PrismaClient } from './generated/client';

/**
 * The one Prisma client. Only repositories inject it. A connection is waited for 2 s at most and a
 * query 30 s at most, so an unreachable database fails requests instead of hanging them.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(database: Database) {
    super({
      adapter: new PrismaPg({
        connectionString: database.url,
        max: 10,
        connectionTimeoutMillis: 2000,
        query_timeout: 15_000,
        keepAlive: true,
      }),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
