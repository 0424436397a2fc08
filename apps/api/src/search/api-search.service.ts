import { Injectable } from '@nestjs/common';
import type { UserIdentity } from '@portcullis/domain';
import { PolicyService } from '../policy/policy.service';
import { RegistriesRepository, registryPolicyOf } from '../registries/registries.repository';
import { ApiSearchQueryDto, SearchHitDto, SearchResultsDto } from './api-search.dto';
import { ObjectMatch, SearchRepository } from './search.repository';

const DOCKER_PREFIX = 'docker:';

/**
 * One search box over users, groups, apps, registries, repositories and tags. Repositories and tags
 * show only where the caller may pull; users only for admins. Ranking: exact, prefix, substring,
 * then stars.
 */
@Injectable()
export class ApiSearchService {
  constructor(
    private readonly repository: SearchRepository,
    private readonly registries: RegistriesRepository,
    private readonly policy: PolicyService,
  ) {}

  async search(caller: UserIdentity, query: ApiSearchQueryDto): Promise<SearchResultsDto> {
    const limit = query.limit ?? 25;
    const dockerOnly = query.q.toLowerCase().startsWith(DOCKER_PREFIX);
    const term = (dockerOnly ? query.q.slice(DOCKER_PREFIX.length) : query.q).trim();
    if (term === '') return { query: query.q, items: [] };
    const kinds: ObjectMatch['kind'][] = dockerOnly
      ? ['repository', 'tag']
      : ['group', 'app', 'registry', 'repository', 'tag', ...(caller.isAdmin ? (['user'] as const) : [])];
    const matches = await this.repository.objects(term, kinds, limit * 4);

    const registries = await this.registries.listPolicies();
    const services = new Map(registries.map((r) => [r.id, r.service]));
    const visible = await this.policy.visible(
      caller,
      new Map(registries.map((r) => [r.id, registryPolicyOf(r)])),
      matches,
      (m) => (m.registryId === null ? null : { registryId: m.registryId, name: m.repository! }),
    );
    const items: SearchHitDto[] = visible
      .sort((a, b) => a.rank - b.rank || b.stars - a.stars || a.name.localeCompare(b.name))
      .slice(0, limit)
      .map((m) => ({
        kind: m.kind,
        id: m.id,
        name: m.name,
        registry: m.registryId === null ? null : (services.get(m.registryId) ?? null),
        repository: m.kind === 'tag' ? m.repository : null,
        rank: m.rank,
      }));
    return { query: query.q, items };
  }
}
