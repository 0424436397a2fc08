import { Body, Delete, Get, HttpCode, Param, ParseBoolPipe, Patch, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { Authenticated, Principal, TokenScope } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { IntId, RepositoryName, TagName } from '../common/validation';
import {
  ActivityDto,
  ActivityQueryDto,
  DeletedTagsDto,
  RepositoryDto,
  RepositoryPageDto,
  RepositoryQueryDto,
  StarDto,
  TagDetailDto,
  UpdateRepositoryDto,
} from './catalog.dto';
import { CatalogService } from './catalog.service';
import { RepositoriesService } from './repositories.service';
import { TagsService } from './tags.service';

@ApiTags('registries')
@Authenticated()
@TokenScope({ registry: 'id' })
@ApiController('registries')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly tags: TagsService,
    private readonly repositories: RepositoriesService,
  ) {}

  /** Pushes and pulls the registry notified, per UTC day (admins and its responsibles). */
  @Get(':id/activity')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getRegistryActivity(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Query() query: ActivityQueryDto,
  ): Promise<ActivityDto> {
    return this.catalog.activity(caller, id, query.days);
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

  /** A repository and its tags, if the caller may pull it (encode "/" in its name as %2F). */
  @Get(':id/repositories/:repository')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getRepository(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Param('repository', RepositoryName) repository: string,
  ): Promise<RepositoryDto> {
    return this.repositories.get(caller, id, repository);
  }

  /** Sets a repository's description, official and automated flags (admins and the registry's responsibles). */
  @Patch(':id/repositories/:repository')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  updateRepository(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Param('repository', RepositoryName) repository: string,
    @Body() input: UpdateRepositoryDto,
  ): Promise<RepositoryDto> {
    return this.repositories.update(caller, id, repository, input);
  }

  /** Stars a repository the caller may pull. */
  @Put(':id/repositories/:repository/star')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  starRepository(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Param('repository', RepositoryName) repository: string,
  ): Promise<StarDto> {
    return this.repositories.star(caller, id, repository, true);
  }

  /** Takes the caller's star back. */
  @Delete(':id/repositories/:repository/star')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  unstarRepository(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Param('repository', RepositoryName) repository: string,
  ): Promise<StarDto> {
    return this.repositories.star(caller, id, repository, false);
  }

  /** A tag in detail: platforms, layers, history. */
  @Get(':id/repositories/:repository/tags/:tag')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getTag(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Param('repository', RepositoryName) repository: string,
    @Param('tag') tag: string,
  ): Promise<TagDetailDto> {
    return this.repositories.tag(caller, id, repository, tag);
  }

  /**
   * Deletes a tag from the registry and the catalog. The registry deletes the manifest, so every
   * tag sharing its digest goes too: refused unless `force=true`, naming them.
   */
  @Delete(':id/repositories/:repository/tags/:tag')
  @ApiQuery({ name: 'force', required: false, type: Boolean })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Other tags share the digest, or the registry has deletion disabled',
  })
  deleteTag(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Param('repository', RepositoryName) repository: string,
    @Param('tag', TagName) tag: string,
    @Query('force', new ParseBoolPipe({ optional: true })) force?: boolean,
  ): Promise<DeletedTagsDto> {
    return this.tags.deleteTag(caller, id, repository, tag, force === true);
  }

  /** Deletes every tag of a repository from the registry, and the repository from the catalog. */
  @Delete(':id/repositories/:repository')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  deleteRepository(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Param('repository', RepositoryName) repository: string,
  ): Promise<DeletedTagsDto[]> {
    return this.tags.deleteRepository(caller, id, repository);
  }
}
