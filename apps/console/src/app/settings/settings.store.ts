import { Injectable, inject, signal } from '@angular/core';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { Problem, dataOf } from '../core/problem';

export type Jwk = Schemas['JwkDto'];

/** Instance settings (admins): the published token keys, and whether sign-in needs a second factor. */
@Injectable()
export class SettingsStore {
  private readonly api = inject(Api).client;
  readonly keys = signal<Jwk[]>([]);
  readonly twoFactorRequired = signal(false);
  readonly problem = signal<Problem | null>(null);

  async load(): Promise<void> {
    await Promise.all([
      dataOf(this.api.GET('/.well-known/jwks.json')).then(
        (jwks) => this.keys.set(jwks.keys),
        (error: unknown) => this.problem.set(Problem.of(error)),
      ),
      dataOf(this.api.GET('/api/v1/auth/two-factor/settings')).then(
        (settings) => this.twoFactorRequired.set(settings.twoFactorRequired),
        (error: unknown) => this.problem.set(Problem.of(error)),
      ),
    ]);
  }

  /** Saves the requirement; on a refusal, shows it and puts the switch back. */
  async requireTwoFactor(required: boolean): Promise<void> {
    try {
      const body = { twoFactorRequired: required };
      const saved = await dataOf(this.api.PUT('/api/v1/auth/two-factor/settings', { body }));
      this.twoFactorRequired.set(saved.twoFactorRequired);
    } catch (error) {
      this.problem.set(Problem.of(error));
      this.twoFactorRequired.set(!required);
    }
  }
}
