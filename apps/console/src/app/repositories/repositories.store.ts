import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { Problem, dataOf } from '../core/problem';

export type Repository = Schemas['RepositoryDto'];
export type Tag = Schemas['TagDto'];
export type TagDetail = Schemas['TagDetailDto'];

/** The other tags a tag's deletion takes along: the registry deletes the manifest they share. */
export function tagsSharingDigest(tags: readonly Tag[], tag: Tag): string[] {
  return tags.filter((t) => t.digest === tag.digest && t.name !== tag.name).map((t) => t.name);
}

/** A registry's repositories that the user may pull, a page at a time, filtered by name. */
@Injectable()
export class RepositoriesStore {
  private readonly api = inject(Api).client;
  readonly registryId = signal(0);
  readonly query = signal('');
  readonly list = new PagedList<Repository>((cursor) => {
    const query = { limit: 50, ...(this.query() ? { q: this.query() } : {}), ...(cursor ? { cursor } : {}) };
    return dataOf(
      this.api.GET('/api/v1/registries/{id}/repositories', { params: { path: { id: this.registryId() }, query } }),
    );
  });
}

/** One repository: its tags, its star, deleting tags. */
@Injectable()
export class RepositoryStore {
  private readonly api = inject(Api).client;
  readonly repository = signal<Repository | null>(null);
  readonly starred = signal(false);
  readonly problem = signal<Problem | null>(null);

  private path(registryId: number, repository: string) {
    return { params: { path: { id: registryId, repository } } };
  }

  async load(registryId: number, repository: string): Promise<void> {
    this.problem.set(null);
    try {
      this.repository.set(
        await dataOf(
          this.api.GET('/api/v1/registries/{id}/repositories/{repository}', this.path(registryId, repository)),
        ),
      );
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }

  /** Description and flags (admins and the registry's responsibles; others get the API's refusal). */
  async update(registryId: number, repository: string, body: Schemas['UpdateRepositoryDto']): Promise<void> {
    this.repository.set(
      await dataOf(
        this.api.PATCH('/api/v1/registries/{id}/repositories/{repository}', {
          ...this.path(registryId, repository),
          body,
        }),
      ),
    );
  }

  async toggleStar(registryId: number, repository: string): Promise<void> {
    try {
      const path = this.path(registryId, repository);
      const star = await dataOf(
        this.starred()
          ? this.api.DELETE('/api/v1/registries/{id}/repositories/{repository}/star', path)
          : this.api.PUT('/api/v1/registries/{id}/repositories/{repository}/star', path),
      );
      this.starred.set(star.starred);
      this.repository.update((r) => (r ? { ...r, starCount: star.starCount } : r));
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }

  /** Deletes a tag, and with it (`force`) the tags sharing its digest, which the user confirmed. */
  async deleteTag(registryId: number, repository: string, tag: string, force: boolean): Promise<boolean> {
    this.problem.set(null);
    try {
      await dataOf(
        this.api.DELETE('/api/v1/registries/{id}/repositories/{repository}/tags/{tag}', {
          params: { path: { id: registryId, repository, tag }, query: force ? { force: true } : {} },
        }),
      );
      await this.load(registryId, repository);
      return true;
    } catch (error) {
      this.problem.set(Problem.of(error));
      return false;
    }
  }

  tag(registryId: number, repository: string, tag: string): Promise<TagDetail> {
    return dataOf(
      this.api.GET('/api/v1/registries/{id}/repositories/{repository}/tags/{tag}', {
        params: { path: { id: registryId, repository, tag } },
      }),
    );
  }
}
