import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** A login name as one shell word (`service/web1` needs no quotes; anything odd is quoted). */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9._/@:-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A secret the server shows once: the login and secret to copy, the `docker login` line, and a
 * warning that it will not be shown again.
 */
@Component({
  selector: 'pc-secret-once',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './secret-once.html',
  styles: `
    .secret {
      border: 2px solid var(--mat-sys-tertiary);
      border-radius: 8px;
      padding: 0.5rem 1rem;
      margin: 1rem 0;
      max-width: 48rem;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.5rem 1rem;
      align-items: center;
    }
    dd {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .value {
      overflow-wrap: anywhere;
    }
    pre {
      overflow-x: auto;
      background: var(--mat-sys-surface-container);
      padding: 0.5rem;
    }
  `,
})
export class SecretOnce {
  private readonly clipboard = inject(Clipboard);
  readonly login = input.required<string>();
  readonly secret = input.required<string>();
  /** The registry hosts the secret is for (none known yet: a placeholder). */
  readonly registries = input<readonly string[]>([]);
  readonly dismissed = output();
  protected readonly copied = signal<'secret' | 'command' | null>(null);
  private readonly hosts = computed(() => (this.registries().length ? this.registries() : ['<registry host>']));
  /** The exact lines for each registry; the secret stays out of them (and out of shell history). */
  protected readonly dockerLogins = computed(() =>
    this.hosts().map((host) => `docker login ${host} --username ${shellWord(this.login())}`),
  );
  protected readonly ciLogin = computed(
    () =>
      `echo "$PORTCULLIS_SECRET" | docker login ${this.hosts()[0]} --username ${shellWord(this.login())} --password-stdin`,
  );

  protected copy(text: string, what: 'secret' | 'command'): void {
    if (this.clipboard.copy(text)) this.copied.set(what);
  }
}
