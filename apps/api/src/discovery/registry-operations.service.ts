import { Injectable } from '@nestjs/common';
import type { UserIdentity } from '@portcullis/domain';
import { AppError, ErrorCode } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import type { Operation } from '../jobs/operation';
import type { RegistryRow } from '../registries/registries.repository';
import { RegistriesService } from '../registries/registries.service';
import { CatalogRepository } from './catalog.repository';
import { ActivityDto, CrawlResultDto, RegistryConfigDto } from './discovery.dto';
import { type CrawlMode, DiscoveryService } from './discovery.service';
import { NotificationSecrets } from './notification-secrets';
import { renderNginxConfig, renderRegistryConfig } from './registry-config';

/** What a registry's responsibles do to it: render its configuration, crawl it on demand. */
@Injectable()
export class RegistryOperationsService {
  constructor(
    private readonly registries: RegistriesService,
    private readonly catalog: CatalogRepository,
    private readonly discovery: DiscoveryService,
    private readonly secrets: NotificationSecrets,
    private readonly config: AppConfig,
  ) {}

  async renderConfig(caller: UserIdentity, id: number): Promise<RegistryConfigDto> {
    return this.configOf(await this.registries.responsibleFor(caller, id));
  }

  /** A new notification secret: the old one stops working; the returned config carries the new one. */
  async rotateNotificationSecret(caller: UserIdentity, id: number): Promise<RegistryConfigDto> {
    await this.registries.responsibleFor(caller, id);
    await this.catalog.bumpNotificationKey(id);
    return this.configOf(await this.registries.found(id));
  }

  /**
   * A crawl of the registry, checked now. It waits for a crawl already running: a minute within
   * a request, a quarter of an hour as a job.
   */
  async prepareDiscovery(
    caller: UserIdentity,
    id: number,
    mode: CrawlMode = 'full',
  ): Promise<Operation<CrawlResultDto>> {
    const registry = await this.registries.responsibleFor(caller, id);
    if (registry.endpointApprovedAt === null) {
      throw new AppError(
        ErrorCode.REGISTRY_ENDPOINT_NOT_APPROVED,
        `Portcullis does not call ${registry.url} until an admin approves it (POST /api/v1/registries/${id}/approve-endpoint)`,
      );
    }
    return async ({ progress, background }) => {
      const waitMs = background ? 15 * 60_000 : 60_000;
      const result = await this.discovery.crawl(id, waitMs, progress, mode);
      if (!result)
        throw new AppError(
          ErrorCode.DISCOVERY_BUSY,
          `Another crawl has been running for more than ${background ? 'a quarter of an hour' : 'a minute'}; try again later`,
        );
      return result;
    };
  }

  /** Pushes and pulls per UTC day over the last `days` days, today included (zero days filled in). */
  async activity(caller: UserIdentity, id: number, days = 30): Promise<ActivityDto> {
    const registry = await this.registries.responsibleFor(caller, id);
    const now = new Date();
    const first = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * 86_400_000;
    const counted = new Map(
      (await this.catalog.activity(id, new Date(first))).map((a) => [a.day.toISOString().slice(0, 10), a]),
    );
    return {
      registry: registry.service,
      days: Array.from({ length: days }, (_, i) => {
        const day = new Date(first + i * 86_400_000).toISOString().slice(0, 10);
        const count = counted.get(day);
        return { day, pushes: count?.pushes ?? 0, pulls: count?.pulls ?? 0 };
      }),
    };
  }

  private async configOf(registry: RegistryRow): Promise<RegistryConfigDto> {
    const input = {
      service: registry.service,
      registryUrl: registry.url,
      publicUrl: this.config.publicUrl,
      issuer: this.config.token.issuer,
      notificationSecret: await this.secrets.secretFor(registry),
    };
    return { configYml: renderRegistryConfig(input), nginxConf: renderNginxConfig(input) };
  }
}
