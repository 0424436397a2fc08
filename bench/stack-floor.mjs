// The footprint's floor: the fixed stack with nothing of Portcullis on it. NestJS 12 on Fastify,
// one module, one controller, and the Prisma client Portcullis generates (the same schema, the
// same PostgreSQL adapter, reading its query compiler the same way), answering GET /health/ready
// with one query. The bench starts it like Portcullis (same Node flags, same database) and
// reports its start-up and idle memory beside Portcullis's: what remains is Portcullis's own. It
// gets the runtime settings Portcullis makes itself as Node flags (bench.mjs, startStackFloor).
//
// Plain JavaScript (the bench is not compiled): decorators are applied as the functions they are,
// and the controller's dependency is named with @Inject instead of TypeScript's emitted metadata.
import { Controller, Get, Inject, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { PrismaPg } from '@prisma/adapter-pg';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import 'reflect-metadata';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { PrismaClient } = require(join(root, 'dist/apps/api/apps/api/src/database/generated/client.js'));
const { START_UP_GARBAGE_DELAY_MS } = require(join(root, 'dist/apps/api/apps/api/src/common/start-up-garbage.js'));

const PRISMA = 'prisma';

class Probe {
  constructor(prisma) {
    this.prisma = prisma;
  }

  async ready() {
    await this.prisma.user.findFirst({ select: { id: true } });
    return { status: 'ready' };
  }
}
Inject(PRISMA)(Probe, undefined, 0);
Controller('health')(Probe);
Get('ready')(Probe.prototype, 'ready', Object.getOwnPropertyDescriptor(Probe.prototype, 'ready'));

class FloorModule {}
Module({
  controllers: [Probe],
  providers: [
    {
      provide: PRISMA,
      useFactory: () =>
        new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 10 }) }),
    },
  ],
})(FloorModule);

const app = await NestFactory.create(FloorModule, new FastifyAdapter(), { logger: ['error', 'warn'] });
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT), '127.0.0.1');
// As Portcullis does after it listens (apps/api/src/common/start-up-garbage.ts); the bench gives this
// process --expose-gc.
setTimeout(() => globalThis.gc?.(), START_UP_GARBAGE_DELAY_MS).unref();
