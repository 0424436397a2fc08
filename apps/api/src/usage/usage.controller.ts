import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { Authenticated, Principal, TokenScope } from '../common/auth.decorators';
import { UsageDto, UsageQueryDto, UsageReportDto, UsageReportResultDto } from './usage.dto';
import { UsageService } from './usage.service';

@ApiTags('usage')
@Authenticated()
@TokenScope('global')
@ApiController('usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  /**
   * A node or service reports the images it runs (the list replaces its previous report). A report
   * belongs to the account that made it: another account's report is refused (admins excepted).
   */
  @Post()
  @HttpCode(200)
  reportImageUsage(@Principal() caller: UserIdentity, @Body() report: UsageReportDto): Promise<UsageReportResultDto> {
    return this.usage.report(caller, report);
  }

  /**
   * Which nodes and services run an image, by manifest digest or image id: the reports of images in
   * repositories the caller may pull, and the caller's own.
   */
  @TokenScope('any')
  @Get()
  findImageUsage(@Principal() caller: UserIdentity, @Query() query: UsageQueryDto): Promise<UsageDto[]> {
    return this.usage.find(caller, query);
  }
}
