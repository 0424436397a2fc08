import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { PolicyModule } from '../policy/policy.module';
import { RegistriesModule } from '../registries/registries.module';
import { SigningModule } from '../signing/signing.module';
import { ApiSearchController } from './api-search.controller';
import { ApiSearchService } from './api-search.service';
import { CatalogIndex } from './catalog-index';
import { DockerSearchController } from './docker-search.controller';
import { FrontCatalogController } from './front-catalog.controller';
import { FrontCatalogService } from './front-catalog.service';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';

/**
 * Search that honours the access policy: `docker search` (`/v1/search`) and a fronted registry's
 * catalog (`/v2/_catalog`), outside /api/v1 and answered as registries answer, and the API's
 * search box.
 */
@Module({
  imports: [SigningModule, IdentityModule, PolicyModule, RegistriesModule],
  controllers: [DockerSearchController, FrontCatalogController, ApiSearchController],
  providers: [SearchRepository, CatalogIndex, SearchService, FrontCatalogService, ApiSearchService],
})
export class SearchModule {}
