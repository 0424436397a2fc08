import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { Problem, dataOf } from '../core/problem';

export type Enrolment = Schemas['TwoFactorEnrolmentDto'];

/**
 * The caller's two-factor sign-in: its status, an enrolment waiting for its first code, the
 * recovery codes shown once, and each step's problem (one step at a time: `busy`).
 */
@Injectable()
export class TwoFactorStore {
  private readonly api = inject(Api).client;
  readonly status = signal<Schemas['TwoFactorStatusDto'] | null>(null);
  readonly enrolment = signal<Enrolment | null>(null);
  readonly recoveryCodes = signal<string[] | null>(null);
  readonly problem = signal<Problem | null>(null);
  readonly busy = signal(false);

  async load(): Promise<void> {
    await this.run(() => this.reload());
  }

  /** A new secret and its QR code, pending until a first code confirms it. */
  async enrol(): Promise<void> {
    await this.run(async () => this.enrolment.set(await dataOf(this.api.POST('/api/v1/auth/two-factor/enrol'))));
  }

  /** True when the code confirmed the enrolment (the recovery codes are then in `recoveryCodes`). */
  confirm(code: string): Promise<boolean> {
    return this.run(async () => {
      const body = { code };
      const { recoveryCodes } = await dataOf(this.api.POST('/api/v1/auth/two-factor/confirm', { body }));
      this.enrolment.set(null);
      this.recoveryCodes.set(recoveryCodes);
    });
  }

  /** True when the code turned two-factor sign-in off. */
  disable(code: string): Promise<boolean> {
    return this.run(async () => {
      await dataOf(this.api.POST('/api/v1/auth/two-factor/disable', { body: { code } }));
      await this.reload();
    });
  }

  private async reload(): Promise<void> {
    this.status.set(await dataOf(this.api.GET('/api/v1/auth/two-factor')));
  }

  private async run(work: () => Promise<void>): Promise<boolean> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      await work();
      return true;
    } catch (error) {
      this.problem.set(Problem.of(error));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
