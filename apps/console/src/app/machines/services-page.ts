import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { OBJECT_NAME_PATTERN } from '@portcullis/domain/names';
import { RegistryHosts } from '../core/registry-hosts';
import { CellDef, type Column, DataTable } from '../shared/data-table';
import { ProblemBanner } from '../shared/problem-banner';
import { SecretOnce } from '../shared/secret-once';
import { type Service, ServicesStore } from './services.store';

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
  providers: [ServicesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './services-page.html',
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
  private readonly store = inject(ServicesStore);
  protected readonly list = this.store.list;
  protected readonly apps = this.store.apps;
  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(OBJECT_NAME_PATTERN)],
    }),
    app: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly created = this.store.created;
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
    void this.store.load();
  }

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    if (await this.store.create({ name: v.name.trim(), app: v.app })) this.form.reset();
  }

  protected revoke(service: Service): Promise<void> {
    return this.store.revoke(service.id);
  }
}
