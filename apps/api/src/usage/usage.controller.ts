import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { Authenticated, Principal } from '../common/auth.decorators';
import { UsageDto, UsageQueryDto, UsageReportDto, UsageReportResultDto } from './usage.dto';
import { UsageService } from './usage.service';

@ApiTags('usage')
@Authenticated()
@ApiController('usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  /** A node or service reports the images it runs (the list replaces its previous report). */
  @Post()
  @HttpCode(200)
  reportImageUsage(@Principal() caller: UserIdentity, @Body() report: UsageReportDto): Promise<UsageReportResultDto> {
    return this.usage.report(caller, report);
  }

  /** Which nodes and services run an image, by manifest digest or image id. */
  @Get()
  findImageUsage(@Query() query: UsageQueryDto): Promise<UsageDto[]> {
    return this.usage.find(query);
  }
}
