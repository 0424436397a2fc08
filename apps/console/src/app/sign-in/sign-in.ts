import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { type Schemas, createPortcullisClient } from '@portcullis/api-client';
import { Problem } from '../core/problem';
import { API_BASE_URL, SessionStore } from '../core/session.store';
import { ProblemBanner } from '../shared/problem-banner';

/** A route of the console to go back to: never another site (`//host`, `/\\host`). */
export function safeReturnUrl(url: string | undefined): string {
  return url !== undefined && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\') ? url : '/';
}

/**
 * Sign in with a login name and password (local and directory accounts), or through the OpenID
 * Connect provider; back to the page that asked for it afterwards.
 */
/** What the sign-in page says for each code the OpenID Connect callback sends. */
const SIGN_IN_ERRORS: Readonly<Record<string, string>> = {
  'oidc-expired': 'The sign-in expired or began in another browser. Try again.',
  'oidc-denied': 'The sign-in provider did not let you in.',
  'oidc-failed': 'The sign-in through your provider failed. Your administrator can see why in the audit log.',
  'oidc-unconfigured': 'Sign-in through a provider is not set up here.',
  'oidc-unavailable': 'The sign-in provider is unavailable. Try again shortly.',
};

/** The sentence for a sign-in error code; any other value gets a general one. */
export function signInErrorText(code: string): string {
  return Object.hasOwn(SIGN_IN_ERRORS, code) ? SIGN_IN_ERRORS[code] : 'The sign-in failed. Try again.';
}

@Component({
  selector: 'pc-sign-in',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, ProblemBanner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card class="card" appearance="outlined">
      <mat-card-header><mat-card-title>Sign in to Portcullis</mat-card-title></mat-card-header>
      <mat-card-content>
        @if (session.expired()) {
          <p class="notice" role="status">Your session has ended. Sign in again to go on where you were.</p>
        }
        <pc-problem [problem]="problem() ?? redirected()" />
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Login name</mat-label>
            <input matInput formControlName="username" autocomplete="username" autocapitalize="none" />
            @if (form.controls.username.hasError('required')) {
              <mat-error>Enter your login name</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="current-password" />
            @if (form.controls.password.hasError('required')) {
              <mat-error>Enter your password</mat-error>
            }
          </mat-form-field>
          @if (askCode()) {
            <mat-form-field appearance="outline">
              <mat-label>Authentication code</mat-label>
              <input
                matInput
                formControlName="code"
                autocomplete="one-time-code"
                inputmode="numeric"
                autocapitalize="none"
              />
              <mat-hint>The 6 digits of your authenticator app, or a recovery code</mat-hint>
              @if (form.controls.code.hasError('required')) {
                <mat-error>Enter the code of your authenticator app</mat-error>
              }
            </mat-form-field>
          }
          <button mat-flat-button type="submit" [disabled]="busy()">Sign in</button>
        </form>
        @if (oidc(); as provider) {
          <p class="or">or</p>
          <a mat-stroked-button class="provider" [href]="providerUrl(provider.startUrl)"
            >Sign in with {{ provider.label }}</a
          >
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .card {
      max-width: 24rem;
      margin: 3rem auto;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      margin-top: 1rem;
    }
    .or {
      text-align: center;
      margin: 1rem 0 0.5rem;
    }
    .provider {
      width: 100%;
    }
    .notice {
      margin: 0.5rem 0 1rem;
    }
  `,
})
export class SignIn {
  protected readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  /** The page to go back to (a route of the console only). */
  readonly returnUrl = input<string>('/');
  /**
   * Why a sign-in through the OpenID Connect provider failed, as a code its callback puts in the
   * address: only known codes become sentences; no text from the address is ever shown.
   */
  readonly error = input<string>();
  protected readonly redirected = computed(() => {
    const code = this.error();
    return code === undefined ? null : new Problem(signInErrorText(code), 401, 'SIGN_IN_FAILED', null);
  });
  /** The OpenID Connect provider's button, when one is configured. */
  protected readonly oidc = signal<Schemas['OidcProviderDto'] | null>(null);

  constructor() {
    void createPortcullisClient(inject(API_BASE_URL))
      .GET('/api/v1/auth/options')
      .then(({ data }) => this.oidc.set(data?.oidc ?? null))
      .catch(() => undefined);
  }

  protected providerUrl(startUrl: string): string {
    return `${startUrl}?${new URLSearchParams({ returnUrl: safeReturnUrl(this.returnUrl()) }).toString()}`;
  }
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    code: new FormControl('', { nonNullable: true }),
  });
  /** The account has two-factor sign-in: the form asks for the code too. */
  protected readonly askCode = signal(false);

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const { username, password, code } = this.form.getRawValue();
      await this.session.signIn(username, password, this.askCode() ? code.trim() : undefined);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      const problem = Problem.of(error);
      if (problem.code === 'TWO_FACTOR_REQUIRED' && !this.askCode()) {
        // Not an error to show: the password was right, the code comes next.
        this.askCode.set(true);
        this.form.controls.code.setValidators(Validators.required);
        return;
      }
      this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
