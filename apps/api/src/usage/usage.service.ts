import { Injectable } from '@nestjs/common';
import { type UserIdentity, loginNameOf } from '@portcullis/domain';
import { UsageDto, UsageQueryDto, UsageReportDto, UsageReportResultDto } from './usage.dto';
import { UsageRepository } from './usage.repository';

/** Which nodes and services run which images: reports replace the reporter's previous one. */
@Injectable()
export class UsageService {
  constructor(private readonly usage: UsageRepository) {}

  async report(caller: UserIdentity, report: UsageReportDto): Promise<UsageReportResultDto> {
    await this.usage.replace(report.kind, report.reporter, loginNameOf(caller), report.images);
    return { kind: report.kind, reporter: report.reporter, images: report.images.length };
  }

  async find(query: UsageQueryDto): Promise<UsageDto[]> {
    const rows = await this.usage.find(
      query.digest !== undefined ? { digest: query.digest } : { imageId: query.imageId! },
    );
    return rows.map((r) => ({
      kind: r.kind,
      reporter: r.reporter,
      reference: r.reference,
      digest: r.digest,
      imageId: r.imageId,
      reportedAt: r.reportedAt.toISOString(),
    }));
  }
}
