import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, ErrorCode } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** What Prometheus scrapes: the metrics, for the METRICS_TOKEN's holder when one is set. */
@Injectable()
export class MetricsExposition {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  /** The metrics in Prometheus text format, given `Authorization: Bearer <METRICS_TOKEN>` when set. */
  async read(authorization: string | undefined): Promise<string> {
    const expected = this.config.metricsToken;
    if (expected !== undefined) {
      const sent = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
      // Compared as digests: equal lengths, and constant time.
      if (!timingSafeEqual(digest(sent), digest(expected))) {
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'Send the metrics token as a bearer token');
      }
    }
    return this.metrics.registry.metrics();
  }
}
