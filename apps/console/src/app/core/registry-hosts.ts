import { Injectable, inject, signal } from '@angular/core';
import { Api } from './api';
import { dataOf } from './problem';

export interface RegistryHost {
  readonly service: string;
  /** What `docker login` takes: the registry's host and port. */
  readonly host: string;
}

/** The host and port of a registry URL; the URL itself when it is not one. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The registries the signed-in user sees, by host, for `docker login` lines (read once). */
@Injectable({ providedIn: 'root' })
export class RegistryHosts {
  private readonly api = inject(Api).client;
  private loading: Promise<void> | null = null;
  readonly all = signal<readonly RegistryHost[]>([]);

  load(): Promise<void> {
    this.loading ??= dataOf(this.api.GET('/api/v1/registries', { params: { query: { limit: 100 } } }))
      .then((page) => this.all.set(page.items.map((r) => ({ service: r.service, host: hostOf(r.url) }))))
      .catch(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /** The hosts of the given services (a token's registries), or of every registry when none are given. */
  hostsFor(services: readonly string[] | null | undefined): string[] {
    const registries = this.all().filter((r) => !services?.length || services.includes(r.service));
    return [...new Set(registries.map((r) => r.host))];
  }
}
