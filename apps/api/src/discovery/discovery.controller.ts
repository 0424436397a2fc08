import { HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { Authenticated, Principal, TokenScope } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { IntId } from '../common/validation';
import { JobsService } from '../jobs/jobs.service';
import { LongRunningOperation, respondLongRunning } from '../jobs/long-running';
import { DiscoveryRequestsService } from './discovery-requests.service';
import { CrawlResultDto, DiscoverQueryDto } from './discovery.dto';

@ApiTags('registries')
@Authenticated()
@TokenScope({ registry: 'id' })
@ApiController('registries')
export class DiscoveryController {
  constructor(
    private readonly requests: DiscoveryRequestsService,
    private readonly jobs: JobsService,
  ) {}

  /**
   * Crawls the registry now and returns what was found (admins and its responsibles): every
   * repository, or with `mode=due` what the schedule would read.
   */
  @Post(':id/discover')
  @HttpCode(200)
  @LongRunningOperation(CrawlResultDto)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Another crawl is running' })
  async discoverRegistry(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Query() query: DiscoverQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const operation = await this.requests.prepareDiscovery(caller, id, query.mode);
    return respondLongRunning(reply, this.jobs, 'registry.discover', caller, operation);
  }
}
