import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';

@Injectable()
export class InstanceSecretsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The secret stored under `name`, created from `generate()` by whichever replica asks first. */
  async getOrCreate(name: string, generate: () => string): Promise<string> {
    await this.prisma.instanceSecret.createMany({ data: [{ name, value: generate() }], skipDuplicates: true });
    const row = await this.prisma.instanceSecret.findUniqueOrThrow({ where: { name } });
    return row.value;
  }
}
