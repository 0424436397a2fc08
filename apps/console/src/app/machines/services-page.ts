import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { Schemas } from '@portcullis/api-client';
import { OBJECT_NAME_PATTERN } from '@portcullis/domain/names';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { Problem, dataOf } from '../core/problem';
import { RegistryHosts } from '../core/registry-hosts';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { ProblemBanner } from '../shared/problem-banner';
import { SecretOnce } from '../shared/secret-once';

type Service = Schemas['ServiceDto'];

/** App services: the machine identities that run an app and pull its `apps/<app>/` images. */
@Component({
  selector: 'pc-services-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemBanner,
    DataTable,
    CellDef,
    SecretOnce,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Services</h1>
    <p class="muted">A service logs in as <code>service/&lt;name&gt;</code> and pulls its app's images.</p>
    @if (created(); as service) {
      <pc-secret-once
        [login]="service.login"
        [secret]="service.secret"
        [registries]="hosts()"
        (dismissed)="created.set(null)"
      />
    }
    <pc-problem [problem]="list.problem()" />
    <form [formGroup]="form" (ngSubmit)="create()" novalidate aria-label="New service">
      <mat-form-field appearance="outline">
        <mat-label>Service name</mat-label>
        <input matInput formControlName="name" placeholder="web1" />
        <mat-error>1-64 of a-z, 0-9, ".", "_", "-"</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>App</mat-label>
        <mat-select formControlName="app">
          @for (app of apps(); track app) {
            <mat-option [value]="app">{{ app }}</mat-option>
          }
        </mat-select>
        <mat-error>Choose its app</mat-error>
      </mat-form-field>
      <button mat-flat-button type="submit">Create service</button>
    </form>
    @if (list.items().length === 0 && !list.loading() && !list.problem()) {
      <p>No service yet.</p>
    } @else {
      <pc-table [rows]="list.items()" [columns]="columns" caption="Services" [list]="list">
        <ng-template pcCell="login" let-s
          ><code>{{ s.login }}</code></ng-template
        >
        <ng-template pcCell="lastUsed" let-s>{{ s.lastUsedAt ? (s.lastUsedAt | date: 'short') : 'never' }}</ng-template>
        <ng-template pcCell="actions" let-s>
          @if (!s.revoked) {
            <button mat-button type="button" (click)="revoke(s)" [attr.aria-label]="'Revoke ' + s.login">Revoke</button>
          }
        </ng-template>
      </pc-table>
    }
  `,
  styles: `
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
      align-items: baseline;
    }
  `,
})
export class ServicesPage implements OnInit {
  private readonly api = inject(Api).client;
  protected readonly list = new PagedList<Service>((cursor) =>
    dataOf(this.api.GET('/api/v1/services', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
  protected readonly apps = signal<string[]>([]);
  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(OBJECT_NAME_PATTERN)],
    }),
    app: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly created = signal<Schemas['ServiceWithSecretDto'] | null>(null);
  private readonly registryHosts = inject(RegistryHosts);
  /** Where the new secret signs docker in. */
  protected readonly hosts = computed(() => this.registryHosts.hostsFor(undefined));
  protected readonly columns: Column<Service>[] = [
    { key: 'login', header: 'Login' },
    { key: 'app', header: 'App', text: (s) => s.app },
    { key: 'state', header: 'State', text: (s) => (s.revoked ? 'revoked' : 'active') },
    { key: 'lastUsed', header: 'Last used' },
    { key: 'actions', header: '' },
  ];

  ngOnInit(): void {
    void this.registryHosts.load();
    void this.list.reload();
    dataOf(this.api.GET('/api/v1/apps', { params: { query: { limit: 100 } } })).then(
      (page) => this.apps.set(page.items.map((a) => a.name)),
      (error: unknown) => this.list.problem.set(Problem.of(error)),
    );
  }

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    const created = await this.list.change(() =>
      dataOf(this.api.POST('/api/v1/services', { body: { name: v.name.trim(), app: v.app } })),
    );
    if (created) {
      this.created.set(created);
      this.form.reset();
    }
  }

  protected async revoke(service: Service): Promise<void> {
    await this.list.change(() =>
      dataOf(this.api.POST('/api/v1/services/{id}/revoke', { params: { path: { id: service.id } } })),
    );
  }
}
