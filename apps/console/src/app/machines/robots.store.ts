import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { Problem, dataOf } from '../core/problem';

export type Robot = Schemas['RobotDto'];

/** CI robots: the list, the apps they can belong to, creating and revoking. */
@Injectable()
export class RobotsStore {
  private readonly api = inject(Api).client;
  readonly robots = signal<Robot[]>([]);
  readonly apps = signal<string[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly problem = signal<Problem | null>(null);
  /** The robot just created, with its secret, until the user dismisses it. */
  readonly created = signal<Schemas['RobotWithSecretDto'] | null>(null);

  async load(cursor?: string): Promise<void> {
    this.problem.set(null);
    try {
      const [page, apps] = await Promise.all([
        dataOf(this.api.GET('/api/v1/robots', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
        cursor ? Promise.resolve(null) : dataOf(this.api.GET('/api/v1/apps', { params: { query: { limit: 100 } } })),
      ]);
      this.robots.update((shown) => (cursor ? [...shown, ...page.items] : page.items));
      this.nextCursor.set(page.nextCursor);
      if (apps) this.apps.set(apps.items.map((a) => a.name));
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }

  async create(body: Schemas['CreateRobotDto']): Promise<void> {
    const robot = await dataOf(this.api.POST('/api/v1/robots', { body }));
    this.created.set(robot);
    await this.load();
  }

  async revoke(id: number): Promise<void> {
    try {
      await dataOf(this.api.POST('/api/v1/robots/{id}/revoke', { params: { path: { id } } }));
      await this.load();
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }
}
