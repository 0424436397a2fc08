import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { SERVICE_PATTERN } from '@portcullis/domain/names';
import { RegistryHosts } from '../core/registry-hosts';
import { SessionStore } from '../core/session.store';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { eachItem, listOf } from '../shared/list-input';
import { ProblemBanner } from '../shared/problem-banner';
import { SecretOnce } from '../shared/secret-once';
import { type AccessToken, TokensStore } from './tokens.store';

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
  providers: [TokensStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tokens-page.html',
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
  private readonly store = inject(TokensStore);
  protected readonly session = inject(SessionStore);
  protected readonly list = this.store.list;
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    registries: new FormControl('', {
      nonNullable: true,
      validators: [eachItem((s) => (SERVICE_PATTERN.test(s) ? undefined : 'not a registry service name'))],
    }),
    expires: new FormControl('', { nonNullable: true }),
    readOnly: new FormControl(false, { nonNullable: true }),
  });
  protected readonly created = this.store.created;
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
    if (await this.store.create(body)) this.form.reset();
  }

  protected revoke(token: AccessToken): Promise<void> {
    return this.store.revoke(token.id);
  }
}
