import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { Problem, dataOf } from '../core/problem';

export type Service = Schemas['ServiceDto'];

/** Apps' machine identities: the list, the apps they can belong to, creating and revoking. */
@Injectable()
export class ServicesStore {
  private readonly api = inject(Api).client;
  readonly list = new PagedList<Service>((cursor) =>
    dataOf(this.api.GET('/api/v1/services', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
  readonly apps = signal<string[]>([]);
  /** The service just created, with its secret, until the user dismisses it. */
  readonly created = signal<Schemas['ServiceWithSecretDto'] | null>(null);

  /** The services, and the apps a new one may belong to. */
  async load(): Promise<void> {
    await Promise.all([
      this.list.reload(),
      dataOf(this.api.GET('/api/v1/apps', { params: { query: { limit: 100 } } })).then(
        (page) => this.apps.set(page.items.map((a) => a.name)),
        (error: unknown) => this.list.problem.set(Problem.of(error)),
      ),
    ]);
  }

  /** True when created (its secret is in `created`); a refusal shows as the list's problem. */
  async create(body: Schemas['CreateServiceDto']): Promise<boolean> {
    const created = await this.list.change(() => dataOf(this.api.POST('/api/v1/services', { body })));
    if (created) this.created.set(created);
    return created !== undefined;
  }

  async revoke(id: number): Promise<void> {
    await this.list.change(() => dataOf(this.api.POST('/api/v1/services/{id}/revoke', { params: { path: { id } } })));
  }
}
