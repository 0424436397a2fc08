import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth.decorators';
import { FrontCatalogService } from './front-catalog.service';

/**
 * The catalog of a registry behind its provisioned front (nginx sends `/v2/_catalog` here, naming
 * the registry in `X-Portcullis-Registry`), answered as the registry answers it.
 */
@ApiExcludeController()
@Public()
@Controller('v2')
export class FrontCatalogController {
  constructor(private readonly catalog: FrontCatalogService) {}

  @Get('_catalog')
  async catalogOf(
    @Headers('authorization') authorization: string | undefined,
    @Headers('x-portcullis-registry') front: string | undefined,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const answer = await this.catalog.answer({ authorization, front, query });
    return reply.status(answer.status).headers(answer.headers).send(answer.body);
  }
}
