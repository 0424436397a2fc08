import { Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { Authenticated, Principal } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { IntId } from '../common/validation';
import { CatalogService } from './catalog.service';
import { CrawlResultDto, RegistryConfigDto, RepositoryPageDto, RepositoryQueryDto } from './discovery.dto';
import { RegistryOperationsService } from './registry-operations.service';

@ApiTags('registries')
@Authenticated()
@ApiController('registries')
export class DiscoveryController {
  constructor(
    private readonly operations: RegistryOperationsService,
    private readonly catalog: CatalogService,
  ) {}

  /** The registry's config.yml and an nginx.conf to put in front of it (admins and its responsibles). */
  @Get(':id/config')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getRegistryConfig(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<RegistryConfigDto> {
    return this.operations.renderConfig(caller, id);
  }

  /** Replaces the registry's notification secret; deploy the returned config.yml. */
  @Post(':id/config/rotate-notification-secret')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  rotateNotificationSecret(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
  ): Promise<RegistryConfigDto> {
    return this.operations.rotateNotificationSecret(caller, id);
  }

  /** Crawls the registry now and returns what was found (admins and its responsibles). */
  @Post(':id/discover')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Another crawl is running' })
  discoverRegistry(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<CrawlResultDto> {
    return this.operations.discover(caller, id);
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
