import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { SessionStore } from '../core/session.store';
import { ProblemBanner } from '../shared/problem-banner';
import { type Enrolment, TwoFactorStore } from './two-factor.store';

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
  providers: [TwoFactorStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './two-factor-page.html',
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
  private readonly store = inject(TwoFactorStore);
  private readonly router = inject(Router);
  private readonly clipboard = inject(Clipboard);
  protected readonly session = inject(SessionStore);
  protected readonly status = this.store.status;
  protected readonly enrolment = this.store.enrolment;
  protected readonly recoveryCodes = this.store.recoveryCodes;
  protected readonly problem = this.store.problem;
  protected readonly busy = this.store.busy;
  protected readonly copied = signal(false);
  protected readonly code = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly form = new FormGroup({ code: this.code });

  ngOnInit(): void {
    void this.store.load();
  }

  protected qr(enrolment: Enrolment): string {
    return svgDataUrl(enrolment.qrSvg);
  }

  protected enrol(): Promise<void> {
    return this.store.enrol();
  }

  protected async confirm(): Promise<void> {
    this.code.markAsTouched();
    if (this.code.invalid) return;
    if (await this.store.confirm(this.code.value.trim())) this.code.reset();
  }

  protected async disable(): Promise<void> {
    if (await this.store.disable(this.code.value.trim())) this.code.reset();
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
    else await this.store.load();
  }
}
