import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Problem } from '../core/problem';
import { formatBytes, platformName } from '../shared/format';
import { ProblemBanner } from '../shared/problem-banner';
import { RepositoryStore, type TagDetail } from './repositories.store';

/** A tag in detail: its manifest, platforms, layers and build history. */
@Component({
  selector: 'pc-tag-page',
  imports: [DatePipe, RouterLink, ProblemBanner],
  providers: [RepositoryStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tag-page.html',
  styles: `
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1rem;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .layers code {
      overflow-wrap: anywhere;
    }
  `,
})
export class TagPage implements OnInit {
  private readonly store = inject(RepositoryStore);
  readonly id = input.required<string>();
  readonly repository = input.required<string>();
  readonly tag = input.required<string>();
  protected readonly detail = signal<TagDetail | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly formatBytes = formatBytes;
  protected readonly platformNames = (d: TagDetail) => d.platforms.map(platformName).join(', ');

  ngOnInit(): void {
    this.store.tag(Number(this.id()), this.repository(), this.tag()).then(
      (detail) => this.detail.set(detail),
      (error: unknown) => this.problem.set(Problem.of(error)),
    );
  }
}
