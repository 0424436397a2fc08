import { Injectable, inject } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { dataOf } from '../core/problem';

export type App = Schemas['AppDto'];

/** Apps: the list, and saving one (new or changed; a refusal is thrown as a Problem for the form). */
@Injectable()
export class AppsStore {
  private readonly api = inject(Api).client;
  readonly list = new PagedList<App>((cursor) =>
    dataOf(this.api.GET('/api/v1/apps', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );

  async save(app: App | 'new', body: Schemas['CreateAppDto']): Promise<void> {
    if (app === 'new') await dataOf(this.api.POST('/api/v1/apps', { body }));
    else await dataOf(this.api.PATCH('/api/v1/apps/{id}', { params: { path: { id: app.id } }, body }));
    await this.list.reload();
  }
}
