import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { SigningModule } from '../signing/signing.module';
import { NotificationSecrets } from './notification-secrets';
import { RegistriesController } from './registries.controller';
import { RegistriesRepository } from './registries.repository';
import { RegistriesService } from './registries.service';
import { RegistryConfigService } from './registry-config.service';

/**
 * The registries Portcullis serves: their settings (address, groups, public paths), who may change
 * them, and the files they run with (config.yml, nginx.conf, the notification secret).
 */
@Module({
  imports: [IdentityModule, SigningModule],
  controllers: [RegistriesController],
  providers: [RegistriesRepository, RegistriesService, NotificationSecrets, RegistryConfigService],
  exports: [RegistriesRepository, RegistriesService, NotificationSecrets],
})
export class RegistriesModule {}
