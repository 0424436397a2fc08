import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { Problem, dataOf } from '../core/problem';
import type { Registry } from './registry-form';

type Job = Schemas['JobDto'];
/** How often a discovery job is asked for its progress. */
const POLL_MS = 400;

/** The registries page: the list, one page at a time, filtered by service. */
@Injectable()
export class RegistriesStore {
  private readonly api = inject(Api).client;
  readonly query = signal('');
  readonly list = new PagedList<Registry>((cursor) => {
    const query = { limit: 50, ...(this.query() ? { q: this.query() } : {}), ...(cursor ? { cursor } : {}) };
    return dataOf(this.api.GET('/api/v1/registries', { params: { query } }));
  });
}

/** One registry: its settings, its generated configuration, and discovery with its progress. */
@Injectable()
export class RegistryStore {
  private readonly api = inject(Api).client;
  readonly registry = signal<Registry | null>(null);
  readonly problem = signal<Problem | null>(null);
  /** The discovery job while it runs, and as it ended. */
  readonly discovery = signal<Job | null>(null);

  async load(id: number): Promise<void> {
    this.problem.set(null);
    try {
      this.registry.set(await dataOf(this.api.GET('/api/v1/registries/{id}', { params: { path: { id } } })));
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }

  async create(body: Schemas['CreateRegistryDto']): Promise<Registry> {
    const created = await dataOf(this.api.POST('/api/v1/registries', { body }));
    this.registry.set(created);
    return created;
  }

  async update(id: number, body: Schemas['UpdateRegistryDto']): Promise<void> {
    this.registry.set(await dataOf(this.api.PATCH('/api/v1/registries/{id}', { params: { path: { id } }, body })));
  }

  /** An admin trusts the registry's address with Portcullis's own tokens. */
  async approveEndpoint(id: number): Promise<void> {
    this.problem.set(null);
    try {
      this.registry.set(
        await dataOf(this.api.POST('/api/v1/registries/{id}/approve-endpoint', { params: { path: { id } } })),
      );
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }

  /** Every file the registry runs with, as a .tar.gz (the defaults of `portcullis registries provision`). */
  async provision(id: number): Promise<{ blob: Blob; name: string }> {
    const call = this.api.GET('/api/v1/registries/{id}/provision', {
      params: { path: { id }, query: {} },
      parseAs: 'blob',
    });
    const blob = await dataOf<Blob>(call);
    const disposition = (await call).response.headers.get('content-disposition') ?? '';
    return { blob, name: /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'registry.tar.gz' };
  }

  config(id: number): Promise<Schemas['RegistryConfigDto']> {
    return dataOf(this.api.GET('/api/v1/registries/{id}/config', { params: { path: { id } } }));
  }

  /** Crawls the registry as a job, following its progress; then shows what it found. */
  async discover(id: number): Promise<void> {
    this.problem.set(null);
    try {
      let job = (await dataOf(
        this.api.POST('/api/v1/registries/{id}/discover', {
          params: { path: { id }, header: { Prefer: 'respond-async' } },
        }),
      )) as Job;
      this.discovery.set(job);
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        job = await dataOf(this.api.GET('/api/v1/jobs/{id}', { params: { path: { id: job.id } } }));
        this.discovery.set(job);
      }
      if (job.error) this.problem.set(Problem.from(job.error, job.error.statusCode));
      await this.load(id);
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }
}
