import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { SessionStore } from './core/session.store';

@Component({
  selector: 'pc-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip" href="#main">Skip to content</a>
    <mat-toolbar class="bar">
      <a routerLink="/" class="brand">Portcullis</a>
      @if (session.signedIn()) {
        <nav aria-label="Main">
          <a mat-button routerLink="/registries" routerLinkActive="active" ariaCurrentWhenActive="page">Registries</a>
          @if (session.isAdmin()) {
            <a mat-button routerLink="/users" routerLinkActive="active" ariaCurrentWhenActive="page">Users</a>
            <a mat-button routerLink="/groups" routerLinkActive="active" ariaCurrentWhenActive="page">Groups</a>
          }
          <a mat-button routerLink="/apps" routerLinkActive="active" ariaCurrentWhenActive="page">Apps</a>
          <a mat-button routerLink="/services" routerLinkActive="active" ariaCurrentWhenActive="page">Services</a>
          <a mat-button routerLink="/robots" routerLinkActive="active" ariaCurrentWhenActive="page">Robots</a>
          <a mat-button routerLink="/rules" routerLinkActive="active" ariaCurrentWhenActive="page">Rules</a>
          <a mat-button routerLink="/audit" routerLinkActive="active" ariaCurrentWhenActive="page">Audit</a>
          @if (session.isAdmin()) {
            <a mat-button routerLink="/settings" routerLinkActive="active" ariaCurrentWhenActive="page">Keys</a>
          }
          <a mat-button href="/api/docs">API</a>
        </nav>
        <form class="search" role="search" (submit)="search($event, query.value)">
          <label for="global-search" class="visually-hidden">Search</label>
          <input id="global-search" #query type="search" placeholder="Search (docker:name for images)" />
        </form>
        <span class="spacer"></span>
        <a
          mat-button
          routerLink="/tokens"
          routerLinkActive="active"
          ariaCurrentWhenActive="page"
          class="who"
          [attr.aria-label]="'Your tokens (signed in as ' + session.me()?.name + ')'"
          >{{ session.me()?.name }} · tokens</a
        >
        <a mat-button routerLink="/account/two-factor" routerLinkActive="active" ariaCurrentWhenActive="page"
          >Two-factor</a
        >
        <button mat-button type="button" (click)="signOut()">Sign out</button>
      }
    </mat-toolbar>
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
  `,
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
