import { signal } from '@angular/core';
import { Problem } from './problem';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list the API serves a page at a time (`{items, nextCursor}`): what is shown, whether there is
 * more, and what went wrong. `fetchPage` reads the current filter when it is called.
 */
export class PagedList<T> {
  readonly items = signal<T[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<Problem | null>(null);

  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {}

  /** The first page again (after a change, or a new filter). */
  reload(): Promise<void> {
    return this.fetch(undefined);
  }

  /** The next page, after those shown. */
  more(): Promise<void> {
    const cursor = this.nextCursor();
    return cursor === null ? Promise.resolve() : this.fetch(cursor);
  }

  /**
   * A change to what the list shows (create, revoke, delete): the list is reloaded after it, and
   * a refusal is shown as the list's problem. Its result, or undefined when it failed.
   */
  async change<R>(write: () => Promise<R>): Promise<R | undefined> {
    this.problem.set(null);
    try {
      const result = await write();
      await this.reload();
      return result;
    } catch (error) {
      this.problem.set(Problem.of(error));
      return undefined;
    }
  }

  private async fetch(cursor: string | undefined): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await this.fetchPage(cursor);
      this.items.update((shown) => (cursor === undefined ? page.items : [...shown, ...page.items]));
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.problem.set(Problem.of(error));
    } finally {
      this.loading.set(false);
    }
  }
}
