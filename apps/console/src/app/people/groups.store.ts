import { Injectable, inject } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { dataOf } from '../core/problem';

export type Group = Schemas['GroupDto'];

/** Groups: the list, creating and deleting (refusals show as the list's problem). */
@Injectable()
export class GroupsStore {
  private readonly api = inject(Api).client;
  readonly list = new PagedList<Group>((cursor) =>
    dataOf(this.api.GET('/api/v1/groups', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );

  /** True when created. */
  async create(name: string): Promise<boolean> {
    return (await this.list.change(() => dataOf(this.api.POST('/api/v1/groups', { body: { name } })))) !== undefined;
  }

  async remove(id: number): Promise<void> {
    await this.list.change(() => dataOf(this.api.DELETE('/api/v1/groups/{id}', { params: { path: { id } } })));
  }
}
