import { Injectable } from '@nestjs/common';
import type { UserIdentity } from '@portcullis/domain';
import { AppError, ErrorCode } from '../common/app-error';
import { PolicyService } from '../policy/policy.service';
import { registryPolicyOf } from '../registries/registries.repository';
import { RegistriesService, assertResponsible } from '../registries/registries.service';
import type { HistoryEntry, Layer } from '../registry-client/manifest';
import { RepositoryDto, StarDto, TagDetailDto, UpdateRepositoryDto } from './catalog.dto';
import { repositoryDtoOf, tagDtoOf } from './catalog.mapper';
import { CatalogRepository } from './catalog.repository';

/** One repository: read it (pull), describe it (responsibles), star it (pull). */
@Injectable()
export class RepositoriesService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly registries: RegistriesService,
    private readonly policy: PolicyService,
  ) {}

  /** The repository, if the caller may pull it; otherwise it does not exist for them. */
  private async visible(caller: UserIdentity, registryId: number, name: string) {
    const registry = await this.registries.found(registryId);
    const row = await this.catalog.repositoryWithTags(registry.id, name);
    const pullable = await this.policy.pullable(caller, registryPolicyOf(registry), [name]);
    if (!row || !pullable.has(name)) {
      throw new AppError(
        ErrorCode.REPOSITORY_NOT_FOUND,
        `${registry.service} has no repository ${name} that you may pull`,
      );
    }
    return { registry, row };
  }

  async get(caller: UserIdentity, registryId: number, name: string): Promise<RepositoryDto> {
    return repositoryDtoOf((await this.visible(caller, registryId, name)).row);
  }

  async update(
    caller: UserIdentity,
    registryId: number,
    name: string,
    input: UpdateRepositoryDto,
  ): Promise<RepositoryDto> {
    const { registry, row } = await this.visible(caller, registryId, name);
    assertResponsible(caller, registry);
    await this.catalog.updateRepository(row.id, input);
    return repositoryDtoOf((await this.catalog.repositoryWithTags(registry.id, name))!);
  }

  async star(caller: UserIdentity, registryId: number, name: string, starred: boolean): Promise<StarDto> {
    const { row } = await this.visible(caller, registryId, name);
    return { starred, starCount: await this.catalog.setStar(caller.id, row.id, starred) };
  }

  async tag(caller: UserIdentity, registryId: number, name: string, tag: string): Promise<TagDetailDto> {
    const { row } = await this.visible(caller, registryId, name);
    const t = row.tags.find((x) => x.name === tag);
    if (!t) throw new AppError(ErrorCode.TAG_NOT_FOUND, `${name} has no tag ${tag}`);
    return {
      ...tagDtoOf(t),
      layers: t.layers as unknown as Layer[],
      history: t.history as unknown as HistoryEntry[],
      firstSeenAt: t.firstSeenAt.toISOString(),
      lastSeenAt: t.lastSeenAt.toISOString(),
    };
  }
}
