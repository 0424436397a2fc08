import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { Problem, dataOf } from '../core/problem';

export type Robot = Schemas['RobotDto'];

/** CI robots: the list, the apps they can belong to, creating and revoking. */
@Injectable()
export class RobotsStore {
  private readonly api = inject(Api).client;
  readonly list = new PagedList<Robot>((cursor) =>
    dataOf(this.api.GET('/api/v1/robots', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
  readonly apps = signal<string[]>([]);
  readonly problem = signal<Problem | null>(null);
  /** The robot just created, with its secret, until the user dismisses it. */
  readonly created = signal<Schemas['RobotWithSecretDto'] | null>(null);

  /** The robots, and the apps a new one may belong to. */
  async load(): Promise<void> {
    this.problem.set(null);
    await Promise.all([
      this.list.reload(),
      dataOf(this.api.GET('/api/v1/apps', { params: { query: { limit: 100 } } })).then(
        (apps) => this.apps.set(apps.items.map((a) => a.name)),
        (error: unknown) => this.problem.set(Problem.of(error)),
      ),
    ]);
  }

  async create(body: Schemas['CreateRobotDto']): Promise<void> {
    const robot = await dataOf(this.api.POST('/api/v1/robots', { body }));
    this.created.set(robot);
    await this.list.reload();
  }

  async revoke(id: number): Promise<void> {
    await this.list.change(() => dataOf(this.api.POST('/api/v1/robots/{id}/revoke', { params: { path: { id } } })));
  }
}
