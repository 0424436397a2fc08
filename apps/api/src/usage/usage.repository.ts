import { Injectable } from '@nestjs/common';
import { Prisma } from '../database/generated/client';
import { PrismaService } from '../database/prisma.service';

export type UsageRow = Prisma.ImageUsageGetPayload<object>;

@Injectable()
export class UsageRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Replaces everything a reporter said it runs, unless another account made its report (an admin
   * may replace any). Returns the report's owner: `reportedBy` when it was replaced. One report at
   * a time per reporter (a transaction-scoped advisory lock), so two first reports cannot both win.
   */
  async replace(
    kind: string,
    reporter: string,
    reportedBy: string,
    admin: boolean,
    images: { reference: string; digest?: string; imageId?: string }[],
  ): Promise<string> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`usage/${kind}/${reporter}`}))::text`;
      const current = await tx.imageUsage.findFirst({ where: { kind, reporter }, select: { reportedBy: true } });
      if (current && current.reportedBy !== reportedBy && !admin) return current.reportedBy;
      await tx.imageUsage.deleteMany({ where: { kind, reporter } });
      await tx.imageUsage.createMany({
        data: images.map((i) => ({
          kind,
          reporter,
          reportedBy,
          reference: i.reference,
          digest: i.digest ?? null,
          imageId: i.imageId ?? null,
        })),
      });
      return reportedBy;
    });
  }

  /** Who runs an image, by manifest digest or image id: one indexed query. */
  find(by: { digest: string } | { imageId: string }): Promise<UsageRow[]> {
    return this.prisma.imageUsage.findMany({
      where: by,
      orderBy: [{ kind: 'asc' }, { reporter: 'asc' }],
    });
  }
}
