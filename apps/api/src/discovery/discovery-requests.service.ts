import { Injectable } from '@nestjs/common';
import type { UserIdentity } from '@portcullis/domain';
import { AppError, ErrorCode } from '../common/app-error';
import type { Operation } from '../jobs/operation';
import { RegistriesService } from '../registries/registries.service';
import { CrawlResultDto } from './discovery.dto';
import { type CrawlMode, DiscoveryService } from './discovery.service';

/** A crawl asked for by a registry's responsibles (the scheduler crawls by itself). */
@Injectable()
export class DiscoveryRequestsService {
  constructor(
    private readonly registries: RegistriesService,
    private readonly discovery: DiscoveryService,
  ) {}

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
}
