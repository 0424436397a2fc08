import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { RegistriesModule } from '../registries/registries.module';
import { RegistryClientModule } from '../registry-client/registry-client.module';
import { CatalogController } from './catalog.controller';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { RepositoriesService } from './repositories.service';
import { TagsService } from './tags.service';

/**
 * What registries hold, as the caller may see it: repositories, tags, stars and activity, and
 * deleting tags (in the registry, then in the catalog).
 */
@Module({
  imports: [PolicyModule, RegistriesModule, RegistryClientModule],
  controllers: [CatalogController],
  providers: [CatalogRepository, CatalogService, RepositoriesService, TagsService],
  exports: [CatalogRepository],
})
export class CatalogModule {}
