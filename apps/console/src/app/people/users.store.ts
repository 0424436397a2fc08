import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { dataOf } from '../core/problem';
import type { User } from './user-form';

/**
 * Users: the list (filtered by name), saving one (new or changed; a refusal is thrown as a
 * Problem for the form), and turning one off or on (refusals show as the list's problem).
 */
@Injectable()
export class UsersStore {
  private readonly api = inject(Api).client;
  /** The name filter. */
  readonly query = signal('');
  readonly list = new PagedList<User>((cursor) => {
    const query = { limit: 50, ...(this.query() ? { q: this.query() } : {}), ...(cursor ? { cursor } : {}) };
    return dataOf(this.api.GET('/api/v1/users', { params: { query } }));
  });

  filter(text: string): Promise<void> {
    this.query.set(text.trim());
    return this.list.reload();
  }

  async create(body: Schemas['CreateUserDto']): Promise<void> {
    await dataOf(this.api.POST('/api/v1/users', { body }));
    await this.list.reload();
  }

  async update(id: number, body: Schemas['UpdateUserDto']): Promise<void> {
    await dataOf(this.api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body }));
    await this.list.reload();
  }

  async setDisabled(id: number, disabled: boolean): Promise<void> {
    await this.list.change(() =>
      dataOf(this.api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: { disabled } })),
    );
  }
}
