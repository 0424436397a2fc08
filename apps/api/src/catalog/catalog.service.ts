import { Injectable } from '@nestjs/common';
import type { Identity, UserIdentity } from '@portcullis/domain';
import { PolicyService } from '../policy/policy.service';
import { registryPolicyOf } from '../registries/registries.repository';
import { RegistriesService } from '../registries/registries.service';
import { ActivityDto, RepositoryDto, RepositoryPageDto, RepositoryQueryDto } from './catalog.dto';
import { repositoryDtoOf } from './catalog.mapper';
import { CatalogRepository } from './catalog.repository';

const BATCH = 500;

/** Reading the catalog: only what the caller may pull (docs/access-policy.md, management API). */
@Injectable()
export class CatalogService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly registries: RegistriesService,
    private readonly policy: PolicyService,
  ) {}

  async listRepositories(caller: Identity, registryId: number, query: RepositoryQueryDto): Promise<RepositoryPageDto> {
    const registry = await this.registries.found(registryId);
    const policy = registryPolicyOf(registry);
    const limit = query.limit ?? 50;
    const items: RepositoryDto[] = [];
    let after = query.cursor;
    for (;;) {
      const rows = await this.catalog.repositoriesPage(registry.id, after, query.q, BATCH);
      const pullable = await this.policy.pullable(
        caller,
        policy,
        rows.map((r) => r.name),
      );
      for (const [i, row] of rows.entries()) {
        if (!pullable.has(row.name)) continue;
        items.push(repositoryDtoOf(row));
        if (items.length === limit) {
          const more = i < rows.length - 1 || rows.length === BATCH;
          return { items, nextCursor: more ? row.name : null };
        }
      }
      if (rows.length < BATCH) return { items, nextCursor: null };
      after = rows[rows.length - 1]!.name;
    }
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
}
