import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { Router, RouterLink } from '@angular/router';
import { SessionStore } from '../core/session.store';
import { safeReturnUrl } from './sign-in';

/**
 * Where an OpenID Connect sign-in lands: the server put the new session's refresh token in the URL
 * fragment. It is taken out of the address bar at once and traded for a session (which rotates
 * it), then the console goes where the user was going.
 */
@Component({
  selector: 'pc-sign-in-callback',
  imports: [MatCardModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card class="card" appearance="outlined">
      <mat-card-content>
        @if (failed()) {
          <p role="alert">The sign-in could not be completed. <a routerLink="/sign-in">Sign in again</a>.</p>
        } @else {
          <p role="status">Signing you in…</p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .card {
      max-width: 24rem;
      margin: 3rem auto;
    }
  `,
})
export class SignInCallback implements OnInit {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  protected readonly failed = signal(false);

  ngOnInit(): void {
    void this.complete();
  }

  private async complete(): Promise<void> {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    history.replaceState(null, '', window.location.pathname);
    const refresh = fragment.get('refresh');
    if (refresh === null || !(await this.session.adopt(refresh))) {
      this.failed.set(true);
      return;
    }
    await this.router.navigateByUrl(safeReturnUrl(fragment.get('returnUrl') ?? undefined));
  }
}
