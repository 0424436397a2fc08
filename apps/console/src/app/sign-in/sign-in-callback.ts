import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { Router, RouterLink } from '@angular/router';
import { SessionStore } from '../core/session.store';
import { safeReturnUrl } from './sign-in';

/**
 * Where an OpenID Connect sign-in lands: the server set the new session's cookie; the console
 * picks the session up with a refresh, then goes where the user was going.
 */
@Component({
  selector: 'pc-sign-in-callback',
  imports: [MatCardModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in-callback.html',
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
    const returnUrl = new URLSearchParams(window.location.search).get('returnUrl') ?? undefined;
    if (!(await this.session.restore({ always: true }))) {
      this.failed.set(true);
      return;
    }
    await this.router.navigateByUrl(safeReturnUrl(returnUrl));
  }
}
