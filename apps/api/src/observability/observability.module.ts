import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { ProbesController } from './probes.controller';
import { ProbesRepository } from './probes.repository';

/** Metrics for Prometheus and probes for orchestrators; `Metrics` is injectable everywhere. */
@Global()
@Module({
  controllers: [MetricsController, ProbesController],
  providers: [Metrics, ProbesRepository],
  exports: [Metrics],
})
export class ObservabilityModule {}
