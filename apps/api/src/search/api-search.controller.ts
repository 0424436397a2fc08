import { Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { Authenticated, Principal, TokenScope } from '../common/auth.decorators';
import { ApiSearchQueryDto, SearchResultsDto } from './api-search.dto';
import { ApiSearchService } from './api-search.service';

@ApiTags('search')
@Authenticated()
@TokenScope('any')
@ApiController('search')
export class ApiSearchController {
  constructor(private readonly search: ApiSearchService) {}

  /** Finds users, groups, apps, registries, repositories and tags; `docker:` limits it to images. */
  @Get()
  searchEverything(@Principal() caller: UserIdentity, @Query() query: ApiSearchQueryDto): Promise<SearchResultsDto> {
    return this.search.search(caller, query);
  }
}
