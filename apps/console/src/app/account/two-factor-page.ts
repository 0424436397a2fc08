import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import type { Schemas } from '@portcullis/api-client';
import { Api } from '../core/api';
import { Problem, dataOf } from '../core/problem';
import { SessionStore } from '../core/session.store';
import { ProblemBanner } from '../shared/problem-banner';

type Enrolment = Schemas['TwoFactorEnrolmentDto'];

/** The QR code as an image: the SVG the server drew, never inserted into the page as markup. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

/**
 * Your two-factor sign-in (TOTP): set it up with an authenticator app (scan the QR code, confirm
 * with a first code, store the recovery codes shown once), or turn it off with a code.
 */
@Component({
  selector: 'pc-two-factor-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemBanner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Two-factor sign-in</h1>
    @if (session.mustEnrol()) {
      <p class="notice" role="status">
        Your administrator requires a second factor for signing in: set up an authenticator app to go on.
      </p>
    }
    <pc-problem [problem]="problem()" />
    @if (recoveryCodes(); as codes) {
      <section class="codes" role="region" aria-label="Recovery codes">
        <p>
          <strong>Two-factor sign-in is on.</strong> Store these recovery codes somewhere safe: each signs you in once
          if you lose your authenticator. They are not shown again.
        </p>
        <ol>
          @for (code of codes; track code) {
            <li>
              <code>{{ code }}</code>
            </li>
          }
        </ol>
        <div class="page-actions">
          <button mat-stroked-button type="button" (click)="copyCodes(codes)">
            {{ copied() ? 'Copied' : 'Copy the codes' }}
          </button>
          <button mat-flat-button type="button" (click)="stored()">I stored them</button>
        </div>
      </section>
    } @else if (status(); as s) {
      @if (s.enabled) {
        <p>Two-factor sign-in is <strong>on</strong>: {{ s.recoveryCodesLeft }} recovery codes left.</p>
        <form [formGroup]="form" (ngSubmit)="disable()" aria-label="Turn two-factor sign-in off">
          <mat-form-field appearance="outline">
            <mat-label>Code to turn it off</mat-label>
            <input matInput formControlName="code" autocomplete="one-time-code" inputmode="numeric" />
          </mat-form-field>
          <button mat-stroked-button type="submit" [disabled]="busy()">Turn off</button>
        </form>
      } @else if (enrolment(); as e) {
        <ol class="steps">
          <li>
            Scan this code with your authenticator app (or type the key in it):
            <img class="qr" [src]="qr(e)" width="200" height="200" alt="QR code of your two-factor secret" />
            <code class="secret">{{ e.secret }}</code>
          </li>
          <li>
            <form [formGroup]="form" (ngSubmit)="confirm()" aria-label="Confirm two-factor sign-in">
              <mat-form-field appearance="outline">
                <mat-label>Code from the app</mat-label>
                <input matInput formControlName="code" autocomplete="one-time-code" inputmode="numeric" />
                @if (code.hasError('required')) {
                  <mat-error>Enter the 6 digits the app shows</mat-error>
                }
              </mat-form-field>
              <button mat-flat-button type="submit" [disabled]="busy()">Turn on</button>
            </form>
          </li>
        </ol>
      } @else {
        <p>
          Two-factor sign-in is <strong>off</strong>. With it on, signing in to the console also asks for a code from an
          authenticator app. Docker and scripts then use personal access tokens.
        </p>
        <button mat-flat-button type="button" (click)="enrol()" [disabled]="busy()">Set up two-factor sign-in</button>
      }
    }
  `,
  styles: `
    .notice,
    .codes {
      max-width: 48rem;
      padding: 0.75rem 1rem;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
    }
    .qr {
      display: block;
      margin: 0.75rem 0;
      background: white;
    }
    .secret {
      overflow-wrap: anywhere;
    }
    .steps li {
      margin-bottom: 1rem;
    }
  `,
})
export class TwoFactorPage implements OnInit {
  private readonly api = inject(Api).client;
  private readonly router = inject(Router);
  private readonly clipboard = inject(Clipboard);
  protected readonly session = inject(SessionStore);
  protected readonly status = signal<Schemas['TwoFactorStatusDto'] | null>(null);
  protected readonly enrolment = signal<Enrolment | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  protected readonly copied = signal(false);
  protected readonly code = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly form = new FormGroup({ code: this.code });

  ngOnInit(): void {
    void this.run(async () => this.status.set(await dataOf(this.api.GET('/api/v1/auth/two-factor'))));
  }

  protected qr(enrolment: Enrolment): string {
    return svgDataUrl(enrolment.qrSvg);
  }

  protected enrol(): Promise<void> {
    return this.run(async () => this.enrolment.set(await dataOf(this.api.POST('/api/v1/auth/two-factor/enrol'))));
  }

  protected confirm(): Promise<void> {
    this.code.markAsTouched();
    if (this.code.invalid) return Promise.resolve();
    return this.run(async () => {
      const body = { code: this.code.value.trim() };
      const { recoveryCodes } = await dataOf(this.api.POST('/api/v1/auth/two-factor/confirm', { body }));
      this.code.reset();
      this.enrolment.set(null);
      this.recoveryCodes.set(recoveryCodes);
    });
  }

  protected disable(): Promise<void> {
    return this.run(async () => {
      const body = { code: this.code.value.trim() };
      await dataOf(this.api.POST('/api/v1/auth/two-factor/disable', { body }));
      this.code.reset();
      this.status.set(await dataOf(this.api.GET('/api/v1/auth/two-factor')));
    });
  }

  protected copyCodes(codes: string[]): void {
    if (this.clipboard.copy(codes.join('\n'))) this.copied.set(true);
  }

  /** The codes are stored: a session held to enrolment becomes a full one, and the console opens. */
  protected async stored(): Promise<void> {
    const wasHeld = this.session.mustEnrol();
    this.recoveryCodes.set(null);
    await this.session.refresh();
    if (wasHeld) await this.router.navigateByUrl('/');
    else this.status.set(await dataOf(this.api.GET('/api/v1/auth/two-factor')));
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      await work();
    } catch (error) {
      this.problem.set(Problem.of(error));
    } finally {
      this.busy.set(false);
    }
  }
}
