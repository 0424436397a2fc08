import { Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { Authenticated, Principal, TokenScope } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { IntId } from '../common/validation';
import { JobsService } from '../jobs/jobs.service';
import { LongRunningOperation, respondLongRunning } from '../jobs/long-running';
import { CatalogService } from './catalog.service';
import {
  ActivityDto,
  ActivityQueryDto,
  CrawlResultDto,
  DiscoverQueryDto,
  RegistryConfigDto,
  RepositoryPageDto,
  RepositoryQueryDto,
} from './discovery.dto';
import { RegistryOperationsService } from './registry-operations.service';

@ApiTags('registries')
@Authenticated()
@TokenScope({ registry: 'id' })
@ApiController('registries')
export class DiscoveryController {
  constructor(
    private readonly operations: RegistryOperationsService,
    private readonly catalog: CatalogService,
    private readonly jobs: JobsService,
  ) {}

  /** The registry's config.yml and an nginx.conf to put in front of it (admins and its responsibles). */
  @TokenScope('credentials')
  @Get(':id/config')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getRegistryConfig(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<RegistryConfigDto> {
    return this.operations.renderConfig(caller, id);
  }

  /** Replaces the registry's notification secret; deploy the returned config.yml. */
  @TokenScope('credentials')
  @Post(':id/config/rotate-notification-secret')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  rotateNotificationSecret(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
  ): Promise<RegistryConfigDto> {
    return this.operations.rotateNotificationSecret(caller, id);
  }

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
    const operation = await this.operations.prepareDiscovery(caller, id, query.mode);
    return respondLongRunning(reply, this.jobs, 'registry.discover', caller, operation);
  }

  /** Pushes and pulls the registry notified, per UTC day (admins and its responsibles). */
  @Get(':id/activity')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getRegistryActivity(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Query() query: ActivityQueryDto,
  ): Promise<ActivityDto> {
    return this.operations.activity(caller, id, query.days);
  }

  /** The registry's repositories and tags that the caller may pull. */
  @Get(':id/repositories')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  listRepositories(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Query() query: RepositoryQueryDto,
  ): Promise<RepositoryPageDto> {
    return this.catalog.listRepositories(caller, id, query);
  }
}
