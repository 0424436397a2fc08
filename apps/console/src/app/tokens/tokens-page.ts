import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Schemas } from '@portcullis/api-client';
import { SERVICE_PATTERN } from '@portcullis/domain/names';
import { Api } from '../core/api';
import { PagedList } from '../core/paged-list';
import { dataOf } from '../core/problem';
import { RegistryHosts } from '../core/registry-hosts';
import { SessionStore } from '../core/session.store';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { eachItem, listOf } from '../shared/list-input';
import { ProblemBanner } from '../shared/problem-banner';
import { SecretOnce } from '../shared/secret-once';

type AccessToken = Schemas['AccessTokenDto'];

/** Your personal access tokens: docker passwords and API tokens for scripts, each revocable. */
@Component({
  selector: 'pc-tokens-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemBanner,
    DataTable,
    CellDef,
    SecretOnce,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Personal access tokens</h1>
    <p class="muted">
      Use one as your password for <code>docker login</code>, or as a bearer token for the API. A token is never wider
      than you. If you sign in here through single sign-on (OpenID Connect), docker cannot: a token is your docker
      password.
    </p>
    @if (created(); as token) {
      <pc-secret-once
        [login]="session.me()?.name ?? ''"
        [secret]="token.token"
        [registries]="hosts()"
        (dismissed)="created.set(null)"
      />
    }
    <pc-problem [problem]="list.problem()" />
    <form [formGroup]="form" (ngSubmit)="create()" novalidate aria-label="New token">
      <mat-form-field appearance="outline">
        <mat-label>Token name</mat-label>
        <input matInput formControlName="name" placeholder="laptop, gitlab-ci" />
        <mat-error>Name it after where it is used (1 to 100 characters)</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Registries</mat-label>
        <input matInput formControlName="registries" placeholder="registry.example.com" />
        <mat-hint>Comma-separated; empty: all.</mat-hint>
        <mat-error>{{ form.controls.registries.getError('item') }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Expires on</mat-label>
        <input matInput type="date" formControlName="expires" />
      </mat-form-field>
      <mat-checkbox formControlName="readOnly">Read only (pull)</mat-checkbox>
      <button mat-flat-button type="submit">Create token</button>
    </form>
    @if (list.items().length > 0) {
      <pc-table [rows]="list.items()" [columns]="columns" caption="Your tokens" [list]="list">
        <ng-template pcCell="expires" let-t>{{
          t.expiresAt ? (t.expiresAt | date: 'mediumDate') : 'never'
        }}</ng-template>
        <ng-template pcCell="lastUsed" let-t>{{ t.lastUsedAt ? (t.lastUsedAt | date: 'short') : 'never' }}</ng-template>
        <ng-template pcCell="actions" let-t>
          <button mat-button type="button" (click)="revoke(t)" [attr.aria-label]="'Revoke ' + t.name">Revoke</button>
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
      margin-bottom: 1rem;
    }
  `,
})
export class TokensPage implements OnInit {
  private readonly api = inject(Api).client;
  protected readonly session = inject(SessionStore);
  protected readonly list = new PagedList<AccessToken>((cursor) =>
    dataOf(this.api.GET('/api/v1/access-tokens', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    registries: new FormControl('', {
      nonNullable: true,
      validators: [eachItem((s) => (SERVICE_PATTERN.test(s) ? undefined : 'not a registry service name'))],
    }),
    expires: new FormControl('', { nonNullable: true }),
    readOnly: new FormControl(false, { nonNullable: true }),
  });
  protected readonly created = signal<Schemas['AccessTokenWithSecretDto'] | null>(null);
  private readonly registryHosts = inject(RegistryHosts);
  /** Where the new secret signs docker in. */
  protected readonly hosts = computed(() => this.registryHosts.hostsFor(this.created()?.registries));
  protected readonly columns: Column<AccessToken>[] = [
    { key: 'name', header: 'Name', text: (t) => t.name },
    {
      key: 'limits',
      header: 'Limits',
      text: (t) =>
        `${t.readOnly ? 'read only' : 'read and write'} · ${t.registries.length ? t.registries.join(', ') : 'all registries'}`,
    },
    { key: 'expires', header: 'Expires' },
    { key: 'lastUsed', header: 'Last used' },
    { key: 'actions', header: '' },
  ];

  ngOnInit(): void {
    void this.registryHosts.load();
    void this.list.reload();
  }

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    const body = {
      name: v.name.trim(),
      readOnly: v.readOnly,
      registries: listOf(v.registries),
      ...(v.expires ? { expiresAt: `${v.expires}T23:59:59Z` } : {}),
    };
    const created = await this.list.change(() => dataOf(this.api.POST('/api/v1/access-tokens', { body })));
    if (created) {
      this.created.set(created);
      this.form.reset();
    }
  }

  protected async revoke(token: AccessToken): Promise<void> {
    await this.list.change(() =>
      dataOf(this.api.DELETE('/api/v1/access-tokens/{id}', { params: { path: { id: token.id } } })),
    );
  }
}
