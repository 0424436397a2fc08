import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { JobsModule } from '../jobs/jobs.module';
import { RegistriesModule } from '../registries/registries.module';
import { RegistryClientModule } from '../registry-client/registry-client.module';
import { DiscoveryRequestsService } from './discovery-requests.service';
import { DiscoveryController } from './discovery.controller';
import { DiscoveryScheduler } from './discovery.scheduler';
import { DiscoveryService } from './discovery.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/**
 * Learning what registries hold: scheduled and requested crawls, and the registries' notifications
 * (`POST /registry/events`, outside /api/v1), both written into the catalog.
 */
@Module({
  imports: [CatalogModule, RegistriesModule, RegistryClientModule, JobsModule],
  controllers: [DiscoveryController, NotificationsController],
  providers: [DiscoveryService, DiscoveryRequestsService, DiscoveryScheduler, NotificationsService],
})
export class DiscoveryModule {}
