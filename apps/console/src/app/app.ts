import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';

@Component({
  selector: 'pc-root',
  imports: [RouterOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="bar">
      <a routerLink="/" class="brand">Portcullis</a>
      <nav aria-label="Main">
        <a href="/api/docs">API</a>
      </nav>
    </header>
    <main>
      <router-outlet />
    </main>
  `,
  styles: `
    .bar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 0.75rem 1.5rem;
      background: #1f2937;
      color: #fff;
    }
    .bar a {
      color: inherit;
      text-decoration: none;
    }
    .brand {
      font-weight: 600;
      font-size: 1.125rem;
    }
    main {
      padding: 1.5rem;
      max-width: 64rem;
      margin: 0 auto;
    }
  `,
})
export class App {}
