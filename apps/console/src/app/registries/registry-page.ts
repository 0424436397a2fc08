import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { Problem } from '../core/problem';
import { SessionStore } from '../core/session.store';
import { ProblemBanner } from '../shared/problem-banner';
import { RegistryStore } from './registries.store';
import { createRegistryBody, fillRegistryForm, registryForm, updateRegistryBody } from './registry-form';

/** Offers `blob` to the browser's downloads as `name`. */
function save(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** Declares a registry (`/registries/new`), or shows one: its settings, configuration and discovery. */
@Component({
  selector: 'pc-registry-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ProblemBanner,
  ],
  providers: [RegistryStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './registry-page.html',
  styleUrl: './registry-page.css',
})
export class RegistryPage implements OnInit {
  protected readonly store = inject(RegistryStore);
  protected readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  /** The route's `:id`: a registry id, or `new`. */
  readonly id = input.required<string>();
  protected readonly creating = computed(() => this.id() === 'new');
  protected readonly form = registryForm();
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly formProblem = signal<Problem | null>(null);
  protected readonly progress = computed(() => {
    const job = this.store.discovery();
    return job?.total ? Math.round((100 * job.done) / job.total) : null;
  });

  ngOnInit(): void {
    if (!this.creating()) void this.load();
  }

  private async load(): Promise<void> {
    await this.store.load(Number(this.id()));
    const registry = this.store.registry();
    if (registry) fillRegistryForm(this.form, registry);
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.saving.set(true);
    this.saved.set(false);
    this.formProblem.set(null);
    try {
      if (this.creating()) {
        const created = await this.store.create(createRegistryBody(this.form));
        await this.router.navigate(['/registries', created.id]);
        fillRegistryForm(this.form, created);
      } else {
        await this.store.update(Number(this.id()), updateRegistryBody(this.form));
      }
      this.saved.set(true);
    } catch (error) {
      this.formProblem.set(Problem.of(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected async download(kind: 'config.yml' | 'nginx.conf' | 'files'): Promise<void> {
    const registry = this.store.registry();
    if (!registry) return;
    try {
      if (kind === 'files') {
        const { blob, name } = await this.store.provision(registry.id);
        return save(blob, name);
      }
      const config = await this.store.config(registry.id);
      const text = kind === 'config.yml' ? config.configYml : config.nginxConf;
      save(new Blob([text], { type: 'text/plain' }), kind);
    } catch (error) {
      this.store.problem.set(Problem.of(error));
    }
  }

  protected approveEndpoint(): void {
    const registry = this.store.registry();
    if (registry) void this.store.approveEndpoint(registry.id);
  }

  protected discover(): void {
    const registry = this.store.registry();
    if (registry) void this.store.discover(registry.id);
  }
}
