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
  template: `
    <p>
      <a [routerLink]="['/registries', id(), 'repositories', repository()]">← {{ repository() }}</a>
    </p>
    <h1>{{ repository() }}:{{ tag() }}</h1>
    <pc-problem [problem]="problem()" />
    @if (detail(); as d) {
      <dl>
        <dt>Digest</dt>
        <dd>
          <code>{{ d.digest }}</code>
        </dd>
        <dt>Media type</dt>
        <dd>
          <code>{{ d.mediaType }}</code>
        </dd>
        <dt>Size</dt>
        <dd>{{ formatBytes(d.size) }}</dd>
        <dt>Created</dt>
        <dd>{{ d.created ? (d.created | date: 'medium') : '—' }}</dd>
        @if (d.platforms.length > 0) {
          <dt>Platforms</dt>
          <dd>{{ platformNames(d) }}</dd>
        }
      </dl>
      <h2>Layers</h2>
      @if (d.layers.length === 0) {
        <p>No layers listed (an index: see its platforms).</p>
      } @else {
        <ol class="layers">
          @for (layer of d.layers; track $index) {
            <li>
              <code>{{ layer.digest }}</code> · {{ formatBytes(layer.size) }}
            </li>
          }
        </ol>
      }
      <h2>History</h2>
      @if (d.history.length === 0) {
        <p>The image records no history.</p>
      } @else {
        <ol class="layers">
          @for (step of d.history; track $index) {
            <li>
              <code>{{ step.created_by || step.comment || '(no command)' }}</code>
              @if (step.empty_layer) {
                <span class="muted"> (no layer)</span>
              }
            </li>
          }
        </ol>
      }
    }
  `,
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
