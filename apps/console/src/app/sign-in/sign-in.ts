import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import type { Schemas } from '@portcullis/api-client';
import { Problem } from '../core/problem';
import { SessionStore } from '../core/session.store';
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
  templateUrl: './sign-in.html',
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
    this.session.signInOptions().then(
      (oidc) => this.oidc.set(oidc),
      () => undefined,
    );
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
