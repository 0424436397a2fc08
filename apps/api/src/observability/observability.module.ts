import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { Metrics } from './metrics';
import { MetricsExposition } from './metrics-exposition';
import { MetricsController } from './metrics.controller';
import { ProbesController } from './probes.controller';
import { ProbesRepository } from './probes.repository';
import { ProbesService } from './probes.service';

/** Metrics for Prometheus and probes for orchestrators; `Metrics` is injectable everywhere. */
@Global()
@Module({
  controllers: [MetricsController, ProbesController, HealthController],
  providers: [Metrics, MetricsExposition, ProbesRepository, ProbesService],
  exports: [Metrics],
})
export class ObservabilityModule {}
