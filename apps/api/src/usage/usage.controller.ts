import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type UserIdentity, loginNameOf } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { Authenticated, Principal } from '../common/auth.decorators';
import { UsageDto, UsageQueryDto, UsageReportDto, UsageReportResultDto } from './usage.dto';
import { UsageRepository } from './usage.repository';

@ApiTags('usage')
@Authenticated()
@ApiController('usage')
export class UsageController {
  constructor(private readonly usage: UsageRepository) {}

  /** A node or service reports the images it runs (the list replaces its previous report). */
  @Post()
  @HttpCode(200)
  async reportImageUsage(
    @Principal() caller: UserIdentity,
    @Body() report: UsageReportDto,
  ): Promise<UsageReportResultDto> {
    await this.usage.replace(report.kind, report.reporter, loginNameOf(caller), report.images);
    return { kind: report.kind, reporter: report.reporter, images: report.images.length };
  }

  /** Which nodes and services run an image, by manifest digest or image id. */
  @Get()
  async findImageUsage(@Query() query: UsageQueryDto): Promise<UsageDto[]> {
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
