import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Problem } from '../core/problem';

/** An error as the API gave it: its message, its code and the correlation id to quote to an admin. */
@Component({
  selector: 'pc-problem',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './problem-banner.html',
  styles: `
    .problem {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      padding: 0.75rem 1rem;
      margin: 0 0 1rem;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .meta {
      font: var(--mat-sys-body-small);
    }
  `,
})
export class ProblemBanner {
  readonly problem = input<Problem | null>(null);
}
