import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { RegistriesModule } from '../registries/registries.module';
import { SigningModule } from '../signing/signing.module';
import { ApiSearchController } from './api-search.controller';
import { ApiSearchService } from './api-search.service';
import { CatalogIndex } from './catalog-index';
import { DockerSearchController } from './docker-search.controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';

/** `docker search` for private registries, honouring the access policy (outside /api/v1). */
@Module({
  imports: [SigningModule, AccessModule, RegistriesModule],
  controllers: [DockerSearchController],
  providers: [SearchRepository, CatalogIndex, SearchService],
})
export class SearchModule {}

/** The API's search box (under /api/v1). */
@Module({
  imports: [AccessModule, RegistriesModule],
  controllers: [ApiSearchController],
  providers: [SearchRepository, ApiSearchService],
})
export class ApiSearchModule {}
