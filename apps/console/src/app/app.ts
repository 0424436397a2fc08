import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { SessionStore } from './core/session.store';

@Component({
  selector: 'pc-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styles: `
    .bar {
      flex-wrap: wrap;
      gap: 0.5rem;
      height: auto;
      min-height: 56px;
    }
    .brand {
      color: inherit;
      text-decoration: none;
      font: var(--mat-sys-title-large);
      margin-right: 1rem;
    }
    nav {
      display: flex;
      flex-wrap: wrap;
    }
    .active {
      background: var(--mat-sys-secondary-container);
    }
    .spacer {
      flex: 1;
    }
    .search input {
      font: inherit;
      padding: 0.35rem 0.6rem;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline);
      width: min(11rem, 60vw);
    }
    .who {
      font: var(--mat-sys-body-medium);
    }
    main {
      padding: 1.5rem;
      max-width: 72rem;
      margin: 0 auto;
    }
    .skip {
      position: absolute;
      left: -999px;
    }
    .skip:focus {
      left: 1rem;
      top: 1rem;
      z-index: 10;
      background: var(--mat-sys-surface);
      padding: 0.5rem;
    }
  `,
})
export class App {
  protected readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  protected search(event: Event, query: string): void {
    event.preventDefault();
    if (query.trim() !== '') void this.router.navigate(['/search'], { queryParams: { q: query.trim() } });
  }

  protected async signOut(): Promise<void> {
    await this.session.signOut();
    await this.router.navigate(['/sign-in']);
  }
}
