import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, ErrorCode } from '../common/app-error';
import { Public } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Prometheus scrapes here; with METRICS_TOKEN set, only with `Authorization: Bearer <METRICS_TOKEN>`. */
@ApiTags('operations')
@Public()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  /** Token requests and discovery runs with their latency, and process figures (Prometheus text format). */
  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'METRICS_TOKEN is set and was not sent' })
  async getMetrics(@Req() request: FastifyRequest): Promise<string> {
    const expected = this.config.metricsToken;
    if (expected !== undefined) {
      const sent = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      // Compared as digests: equal lengths, and constant time.
      if (!timingSafeEqual(digest(sent), digest(expected))) {
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'Send the metrics token as a bearer token');
      }
    }
    return this.metrics.registry.metrics();
  }
}
