import { Injectable } from '@nestjs/common';
import type { UserIdentity } from '@portcullis/domain';
import { AppError, ErrorCode } from '../common/app-error';
import { PolicyService } from '../policy/policy.service';
import { registryPolicyOf } from '../registries/registries.repository';
import { RegistriesService } from '../registries/registries.service';
import { RegistryAccess, type RegistryEndpoint } from '../registry-client/registry-access';
import { RegistryClient, RegistryError } from '../registry-client/registry-client';
import { CatalogRepository } from './catalog.repository';

export interface DeletedTags {
  digest: string;
  /** Every tag that pointed at the deleted manifest (the registry removes them all). */
  tags: string[];
}

function asAppError(error: unknown): Error {
  if (!(error instanceof RegistryError)) return error instanceof Error ? error : new Error(String(error));
  switch (error.kind) {
    case 'delete_disabled':
      return new AppError(ErrorCode.REGISTRY_DELETE_DISABLED, error.message);
    case 'not_approved':
      return new AppError(ErrorCode.REGISTRY_ENDPOINT_NOT_APPROVED, `Portcullis does not call ${error.message}`);
    case 'not_found':
      return new AppError(ErrorCode.TAG_NOT_FOUND, `The registry no longer has it: ${error.message}`);
    default:
      return new AppError(ErrorCode.REGISTRY_UNAVAILABLE, `The registry did not do it: ${error.message}`);
  }
}

/**
 * Deleting tags and repositories: in the registry (a manifest DELETE by digest, which untags every
 * tag sharing it) and in the catalog. Needs responsibility for the registry and `delete` on the
 * repository (docs/access-policy.md).
 */
@Injectable()
export class TagsService {
  constructor(
    private readonly registries: RegistriesService,
    private readonly catalog: CatalogRepository,
    private readonly policy: PolicyService,
    private readonly access: RegistryAccess,
  ) {}

  private clientFor(registry: RegistryEndpoint): RegistryClient {
    try {
      return this.access.clientFor(registry);
    } catch (error) {
      throw asAppError(error);
    }
  }

  private async authorised(caller: UserIdentity, registryId: number, repository: string) {
    const registry = await this.registries.responsibleFor(caller, registryId);
    const grant = (
      await this.policy.decideRepositories(caller, registryPolicyOf(registry), [repository], 'delete')
    ).get(repository);
    if (!grant?.granted.includes('delete')) {
      throw new AppError(ErrorCode.FORBIDDEN, `You may not delete in ${repository}: ${grant?.clause ?? 'refused'}`);
    }
    const row = await this.catalog.repositoryWithTags(registry.id, repository);
    if (!row)
      throw new AppError(
        ErrorCode.REPOSITORY_NOT_FOUND,
        `${registry.service} has no repository ${repository} in the catalog`,
      );
    return { registry, row };
  }

  async deleteTag(
    caller: UserIdentity,
    registryId: number,
    repository: string,
    tag: string,
    force: boolean,
  ): Promise<DeletedTags> {
    const { registry, row } = await this.authorised(caller, registryId, repository);
    const client = this.clientFor(registry);
    try {
      const digest = (
        await client.headManifest(repository, tag).catch((error: unknown) => Promise.reject(asAppError(error)))
      ).digest;
      const sharing = row.tags.filter((t) => t.digest === digest).map((t) => t.name);
      const others = sharing.filter((t) => t !== tag);
      if (others.length > 0 && !force) {
        throw new AppError(
          ErrorCode.TAG_DIGEST_SHARED,
          `${repository}:${tag} is ${digest}, which ${others.join(', ')} also point${others.length === 1 ? 's' : ''} to; deleting it deletes them too. Repeat with force=true to do so.`,
        );
      }
      await client.deleteManifest(repository, digest).catch((error: unknown) => Promise.reject(asAppError(error)));
      const gone = [...new Set([tag, ...sharing])];
      await this.catalog.forgetTags(row.id, gone);
      return { digest, tags: gone };
    } finally {
      await client.close();
    }
  }

  /** Deletes every manifest of a repository, then forgets it. */
  async deleteRepository(caller: UserIdentity, registryId: number, repository: string): Promise<DeletedTags[]> {
    const { registry, row } = await this.authorised(caller, registryId, repository);
    const client = this.clientFor(registry);
    const deleted: DeletedTags[] = [];
    try {
      const digests = new Map<string, string[]>();
      for (const t of row.tags) digests.set(t.digest, [...(digests.get(t.digest) ?? []), t.name]);
      for (const [digest, tags] of digests) {
        try {
          await client.deleteManifest(repository, digest);
        } catch (error) {
          if (!(error instanceof RegistryError && error.kind === 'not_found')) throw asAppError(error);
        }
        deleted.push({ digest, tags });
      }
      await this.catalog.forgetRepository(row.id);
      return deleted;
    } finally {
      await client.close();
    }
  }
}
