import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { JobsModule } from '../jobs/jobs.module';
import { RegistriesModule } from '../registries/registries.module';
import { SigningModule } from '../signing/signing.module';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { DiscoveryController } from './discovery.controller';
import { DiscoveryScheduler } from './discovery.scheduler';
import { DiscoveryService } from './discovery.service';
import { NotificationSecrets } from './notification-secrets';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { RegistryOperationsService } from './registry-operations.service';
import { RepositoriesService } from './repositories.service';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

/** Learning what registries hold: crawls, notifications, the catalog. */
@Module({
  imports: [SigningModule, AccessModule, RegistriesModule, JobsModule],
  controllers: [DiscoveryController, TagsController],
  providers: [
    CatalogRepository,
    CatalogService,
    DiscoveryService,
    DiscoveryScheduler,
    NotificationSecrets,
    NotificationsService,
    RegistryOperationsService,
    TagsService,
    RepositoriesService,
  ],
  exports: [CatalogRepository, NotificationSecrets, NotificationsService],
})
export class DiscoveryModule {}

/** The registry-facing notification endpoint, outside /api/v1. */
@Module({
  imports: [DiscoveryModule],
  controllers: [NotificationsController],
})
export class NotificationsModule {}
