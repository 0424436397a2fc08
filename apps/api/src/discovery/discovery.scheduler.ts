import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { CatalogRepository } from '../catalog/catalog.repository';
import { AppConfig } from '../config/app-config';
import { DiscoveryService } from './discovery.service';

const RECEIPT_DAYS = 7;

/**
 * Crawls due registries every DISCOVERY_INTERVAL (each registry keeps its own next time, so a
 * failing one backs off), starting shortly after start-up so that what changed while Portcullis
 * was down is found at once.
 */
@Injectable()
export class DiscoveryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Discovery');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly catalog: CatalogRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.discovery.intervalMs;
    if (interval === 0) return;
    // Registries are checked for being due more often than the interval, so a backoff ends on time.
    const tick = Math.min(interval, 30_000);
    this.timer = setInterval(() => this.tick(), tick);
    this.timer.unref();
    setTimeout(() => this.tick(), 1000).unref();
  }

  tick(): void {
    this.running ??= this.discovery
      .crawlDue()
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.error(`Discovery run failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => (this.running = undefined));
  }

  @Cron(CronExpression.EVERY_HOUR)
  async forgetOldReceipts(): Promise<void> {
    await this.catalog.forgetReceipts(new Date(Date.now() - RECEIPT_DAYS * 86_400_000));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
