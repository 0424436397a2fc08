import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { dataOf } from '../core/problem';

export type AccessToken = Schemas['AccessTokenDto'];

/** The caller's personal access tokens: the list, creating (secret shown once) and revoking. */
@Injectable()
export class TokensStore {
  private readonly api = inject(Api).client;
  readonly list = new PagedList<AccessToken>((cursor) =>
    dataOf(this.api.GET('/api/v1/access-tokens', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
  /** The token just created, with its secret, until the user dismisses it. */
  readonly created = signal<Schemas['AccessTokenWithSecretDto'] | null>(null);

  /** True when created (its secret is in `created`); a refusal shows as the list's problem. */
  async create(body: Schemas['CreateAccessTokenDto']): Promise<boolean> {
    const created = await this.list.change(() => dataOf(this.api.POST('/api/v1/access-tokens', { body })));
    if (created) this.created.set(created);
    return created !== undefined;
  }

  async revoke(id: string): Promise<void> {
    await this.list.change(() => dataOf(this.api.DELETE('/api/v1/access-tokens/{id}', { params: { path: { id } } })));
  }
}
