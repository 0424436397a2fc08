import { Controller, Get, Header, Headers, HttpCode, Ip, Query, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/auth.decorators';
import { TokenExceptionFilter } from '../token/token-exception.filter';
import { DockerSearchResults, SearchService } from './search.service';

/**
 * The v1 search API Docker Engine and podman call (`docker search registry.example.com/term`),
 * reached through the nginx in front of the registry. Errors are in the shape docker reads.
 */
@ApiExcludeController()
@Public()
@UseFilters(TokenExceptionFilter)
@Controller('v1')
export class DockerSearchController {
  constructor(private readonly search: SearchService) {}

  /** docker only needs an answer; the header says this is a standalone (v2) registry. */
  @Get('_ping')
  @HttpCode(200)
  @Header('X-Docker-Registry-Standalone', 'true')
  ping(): { standalone: boolean } {
    return { standalone: true };
  }

  @Get('search')
  @Header('Cache-Control', 'no-store')
  dockerSearch(
    @Headers('authorization') authorization: string | undefined,
    @Headers('host') host: string | undefined,
    @Headers('x-portcullis-registry') front: string | undefined,
    @Query() query: Record<string, unknown>,
    @Ip() address: string,
  ): Promise<DockerSearchResults> {
    return this.search.dockerSearch(authorization, host, query, address, front);
  }
}
