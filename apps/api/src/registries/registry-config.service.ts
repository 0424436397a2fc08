import { Injectable } from '@nestjs/common';
import type { UserIdentity } from '@portcullis/domain';
import { AppError, ErrorCode } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { KeyStore } from '../signing/key-store';
import { NotificationSecrets } from './notification-secrets';
import { ProvisionQueryDto, RegistryConfigDto } from './registries.dto';
import { RegistriesRepository, type RegistryRow } from './registries.repository';
import { RegistriesService } from './registries.service';
import { archiveOf } from './registry-archive';
import { registryBundle } from './registry-bundle';
import {
  DEFAULT_LAYOUT,
  type RegistryFilesInput,
  type RegistryLayout,
  renderNginxConfig,
  renderRegistryConfig,
} from './registry-files';

/** The files a registry runs with, generated for its responsibles, and its notification secret. */
@Injectable()
export class RegistryConfigService {
  constructor(
    private readonly registries: RegistriesService,
    private readonly repository: RegistriesRepository,
    private readonly secrets: NotificationSecrets,
    private readonly config: AppConfig,
    private readonly keys: KeyStore,
  ) {}

  async renderConfig(caller: UserIdentity, id: number): Promise<RegistryConfigDto> {
    return this.configOf(await this.registries.responsibleFor(caller, id));
  }

  /** A new notification secret: the old one stops working; the returned config carries the new one. */
  async rotateNotificationSecret(caller: UserIdentity, id: number): Promise<RegistryConfigDto> {
    await this.registries.responsibleFor(caller, id);
    await this.repository.bumpNotificationKey(id);
    return this.configOf(await this.registries.found(id));
  }

  /**
   * Every file the registry runs with, as a .tar.gz (admins and its responsibles): its config.yml
   * (with its notification secret), a complete nginx.conf, a self-signed certificate for its host,
   * the token bundle and a README, laid out as `layout` says.
   */
  async provision(
    caller: UserIdentity,
    id: number,
    layout: ProvisionQueryDto,
    proxyPassword: string | undefined,
  ): Promise<{ fileName: string; archive: Buffer }> {
    const registry = await this.registries.responsibleFor(caller, id);
    if (proxyPassword !== undefined && layout.proxyRemote === undefined) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'A proxy password needs proxyRemote');
    }
    const input = await this.filesInput(registry, {
      dir: layout.dir ?? DEFAULT_LAYOUT.dir,
      registryListen: layout.registryListen ?? DEFAULT_LAYOUT.registryListen,
      storage: layout.storage ?? DEFAULT_LAYOUT.storage,
      ...(layout.proxyRemote === undefined
        ? {}
        : {
            proxy: {
              remoteUrl: layout.proxyRemote,
              ...(layout.proxyUsername === undefined ? {} : { username: layout.proxyUsername }),
              ...(proxyPassword === undefined ? {} : { password: proxyPassword }),
            },
          }),
    });
    const top = registry.service.replace(/[^\w.-]+/g, '_');
    const entries = await registryBundle(input, this.keys.certificateBundle);
    return { fileName: `${top}.tar.gz`, archive: await archiveOf(top, entries) };
  }

  private async configOf(registry: RegistryRow): Promise<RegistryConfigDto> {
    const input = await this.filesInput(registry, DEFAULT_LAYOUT);
    return { configYml: renderRegistryConfig(input), nginxConf: renderNginxConfig(input) };
  }

  /** What the registry's files are made of: its own settings, this Portcullis's, and `layout`. */
  private async filesInput(registry: RegistryRow, layout: RegistryLayout): Promise<RegistryFilesInput> {
    return {
      ...layout,
      service: registry.service,
      publicUrl: this.config.publicUrl,
      issuer: this.config.token.issuer,
      notificationSecret: await this.secrets.secretFor(registry),
      discoveryKey: await this.secrets.discoveryKeyFor(registry),
    };
  }
}
