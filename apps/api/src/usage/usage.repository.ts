import { Injectable } from '@nestjs/common';
import { Prisma } from '../database/generated/client';
import { PrismaService } from '../database/prisma.service';

export type UsageRow = Prisma.ImageUsageGetPayload<object>;

@Injectable()
export class UsageRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Replaces everything a reporter said it runs. */
  async replace(
    kind: string,
    reporter: string,
    reportedBy: string,
    images: { reference: string; digest?: string; imageId?: string }[],
  ): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.imageUsage.deleteMany({ where: { kind, reporter } }),
      this.prisma.imageUsage.createMany({
        data: images.map((i) => ({
          kind,
          reporter,
          reportedBy,
          reference: i.reference,
          digest: i.digest ?? null,
          imageId: i.imageId ?? null,
        })),
      }),
    ]);
  }

  /** Who runs an image, by manifest digest or image id: one indexed query. */
  find(by: { digest: string } | { imageId: string }): Promise<UsageRow[]> {
    return this.prisma.imageUsage.findMany({
      where: by,
      orderBy: [{ kind: 'asc' }, { reporter: 'asc' }],
    });
  }
}
