import { Injectable } from '@nestjs/common';
import type { Prisma } from './generated/client';
import { PrismaService } from './prisma.service';

/** Small values every replica shares (an administrator's settings, when a sync last ran), by name. */
@Injectable()
export class InstanceSettingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(name: string): Promise<Prisma.JsonValue | undefined> {
    const row = await this.prisma.instanceSetting.findUnique({ where: { name } });
    return row?.value;
  }

  async set(name: string, value: Prisma.InputJsonValue): Promise<void> {
    await this.prisma.instanceSetting.upsert({ where: { name }, create: { name, value }, update: { value } });
  }
}
