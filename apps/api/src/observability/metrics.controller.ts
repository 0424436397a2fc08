import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { MetricsExposition } from './metrics-exposition';

/** Prometheus scrapes here; with METRICS_TOKEN set, only with `Authorization: Bearer <METRICS_TOKEN>`. */
@ApiTags('operations')
@Public()
@Controller()
export class MetricsController {
  constructor(private readonly exposition: MetricsExposition) {}

  /** Token requests and discovery runs with their latency, and process figures (Prometheus text format). */
  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'METRICS_TOKEN is set and was not sent' })
  getMetrics(@Req() request: FastifyRequest): Promise<string> {
    return this.exposition.read(request.headers.authorization);
  }
}
