import { Controller, Get, Header, Headers, HttpCode, Ip, Query, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/auth.decorators';
import { TokenExceptionFilter } from '../token/token-exception.filter';
import { TokenError } from '../token/token.error';
import { DockerSearchResults, SearchService } from './search.service';

function single(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw TokenError.invalidRequest(`"${name}" must appear once`);
  return value;
}

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
    @Query() query: Record<string, unknown>,
    @Ip() address: string,
  ): Promise<DockerSearchResults> {
    const q = single(query.q, 'q') ?? '';
    const nText = single(query.n, 'n') ?? '25';
    const n = /^\d{1,3}$/.test(nText) ? Number(nText) : NaN;
    if (!(n >= 1 && n <= 100)) throw TokenError.invalidRequest('"n" must be a number from 1 to 100');
    if (q.length > 255) throw TokenError.invalidRequest('"q" is longer than 255 characters');
    return this.search.dockerSearch(authorization, host, q, n, address);
  }
}
