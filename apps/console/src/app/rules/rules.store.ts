import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { Problem, dataOf } from '../core/problem';
import type { Rule } from './rule-form';

export type Explanation = Schemas['ExplanationDto'];

/** The live rules in evaluation order, and the simulator's answers. */
@Injectable()
export class RulesStore {
  private readonly api = inject(Api).client;
  readonly rules = signal<Rule[]>([]);
  readonly registries = signal<string[]>([]);
  readonly problem = signal<Problem | null>(null);

  /** Every rule, in order (the list is short: they are read at every token request). */
  async load(): Promise<void> {
    this.problem.set(null);
    try {
      const rules: Rule[] = [];
      let cursor: string | undefined;
      do {
        const query = { limit: 100, ...(cursor ? { cursor } : {}) };
        const page = await dataOf(this.api.GET('/api/v1/rules', { params: { query } }));
        rules.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      this.rules.set(rules);
      const registries = await dataOf(this.api.GET('/api/v1/registries', { params: { query: { limit: 100 } } }));
      this.registries.set(registries.items.map((r) => r.service));
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }

  async save(id: number | null, body: Schemas['CreateRuleDto']): Promise<void> {
    if (id === null) await dataOf(this.api.POST('/api/v1/rules', { body }));
    else await dataOf(this.api.PATCH('/api/v1/rules/{id}', { params: { path: { id } }, body }));
    await this.load();
  }

  async remove(id: number): Promise<void> {
    try {
      await dataOf(this.api.DELETE('/api/v1/rules/{id}', { params: { path: { id } } }));
      await this.load();
    } catch (error) {
      this.problem.set(Problem.of(error));
    }
  }

  /** Shows the new order at once; the server's answer (or the old order on failure) follows. */
  async reorder(ids: number[]): Promise<void> {
    const before = this.rules();
    const byId = new Map(before.map((r) => [r.id, r]));
    this.rules.set(ids.map((id) => byId.get(id)).filter((r): r is Rule => r !== undefined));
    try {
      await dataOf(this.api.PUT('/api/v1/rules/order', { body: { ids } }));
      await this.load();
    } catch (error) {
      this.rules.set(before);
      this.problem.set(Problem.of(error));
    }
  }

  explain(body: Schemas['ExplainAccessDto']): Promise<Explanation> {
    return dataOf(this.api.POST('/api/v1/access/explain', { body }));
  }
}
