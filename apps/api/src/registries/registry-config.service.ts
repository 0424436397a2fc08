import { Injectable } from '@nestjs/common';
import type { UserIdentity } from '@portcullis/domain';
import { AppConfig } from '../config/app-config';
import { NotificationSecrets } from './notification-secrets';
import { RegistryConfigDto } from './registries.dto';
import { RegistriesRepository, type RegistryRow } from './registries.repository';
import { RegistriesService } from './registries.service';
import { DEFAULT_LAYOUT, renderNginxConfig, renderRegistryConfig } from './registry-files';

/** The files a registry runs with, generated for its responsibles, and its notification secret. */
@Injectable()
export class RegistryConfigService {
  constructor(
    private readonly registries: RegistriesService,
    private readonly repository: RegistriesRepository,
    private readonly secrets: NotificationSecrets,
    private readonly config: AppConfig,
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

  private async configOf(registry: RegistryRow): Promise<RegistryConfigDto> {
    const input = {
      ...DEFAULT_LAYOUT,
      service: registry.service,
      publicUrl: this.config.publicUrl,
      issuer: this.config.token.issuer,
      notificationSecret: await this.secrets.secretFor(registry),
    };
    return { configYml: renderRegistryConfig(input), nginxConf: renderNginxConfig(input) };
  }
}
