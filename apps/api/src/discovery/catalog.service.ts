import { Injectable } from '@nestjs/common';
import type { Identity } from '@portcullis/domain';
import { PolicyService } from '../access/policy.service';
import { registryPolicyOf } from '../registries/registries.repository';
import { RegistriesService } from '../registries/registries.service';
import { repositoryDtoOf } from './catalog.mapper';
import { CatalogRepository } from './catalog.repository';
import { RepositoryDto, RepositoryPageDto, RepositoryQueryDto } from './discovery.dto';

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
}
