import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { Problem, dataOf } from '../core/problem';
import { ProblemBanner } from '../shared/problem-banner';

type Jwk = Schemas['JwkDto'];

/**
 * Signing keys: what registries must trust (the certificate bundle) and the keys Portcullis
 * publishes, by the libtrust key id that tokens carry in their `kid`.
 */
@Component({
  selector: 'pc-settings-page',
  imports: [MatButtonModule, MatCheckboxModule, ProblemBanner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Signing keys</h1>
    <p>
      Registries verify tokens with the certificate bundle below (their <code>auth.token.rootcertbundle</code>). The
      first key signs; the others are published so tokens they signed stay valid until they expire.
    </p>
    <pc-problem [problem]="problem()" />
    <ol>
      @for (key of keys(); track key.kid; let first = $first) {
        <li>
          <code>{{ key.kid }}</code> · {{ key.alg }}{{ key.crv ? ' (' + key.crv + ')' : '' }}
          @if (first) {
            <strong> · signing</strong>
          }
        </li>
      }
    </ol>
    <div class="page-actions">
      <a mat-flat-button href="/token/certs" download="portcullis-certs.pem">Download the certificate bundle</a>
      <a mat-stroked-button href="/.well-known/jwks.json">JWKS</a>
    </div>
    <h2>Rotating the key</h2>
    <ol>
      <li>
        Retire the key in the database while keeping it published longer than the token lifetime:
        <code
          >UPDATE signing_key SET retired_at = now(), publish_until = now() + interval '1 hour' WHERE retired_at IS
          NULL;</code
        >
      </li>
      <li>Restart the replicas: the first makes a new key, every replica signs with it and publishes both.</li>
      <li>Give the registries the new bundle; the old key leaves it once its publication ends.</li>
    </ol>
    <h2>Sign-in</h2>
    <mat-checkbox [checked]="twoFactorRequired()" (change)="requireTwoFactor($event.checked)">
      Require two-factor sign-in (TOTP) of every local account
    </mat-checkbox>
    <p class="muted">
      Local accounts without it must set it up at their next sign-in before anything else. Directory and single sign-on
      accounts use their own source's second factor.
    </p>
  `,
})
export class SettingsPage implements OnInit {
  private readonly api = inject(Api).client;
  protected readonly keys = signal<Jwk[]>([]);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly twoFactorRequired = signal(false);

  ngOnInit(): void {
    dataOf(this.api.GET('/.well-known/jwks.json')).then(
      (jwks) => this.keys.set(jwks.keys),
      (error: unknown) => this.problem.set(Problem.of(error)),
    );
    dataOf(this.api.GET('/api/v1/auth/two-factor/settings')).then(
      (settings) => this.twoFactorRequired.set(settings.twoFactorRequired),
      (error: unknown) => this.problem.set(Problem.of(error)),
    );
  }

  protected async requireTwoFactor(required: boolean): Promise<void> {
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
