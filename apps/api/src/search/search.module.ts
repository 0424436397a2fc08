import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { RegistriesModule } from '../registries/registries.module';
import { SigningModule } from '../signing/signing.module';
import { DockerSearchController } from './docker-search.controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';

/** `docker search` for private registries, honouring the access policy. */
@Module({
  imports: [SigningModule, AccessModule, RegistriesModule],
  controllers: [DockerSearchController],
  providers: [SearchRepository, SearchService],
})
export class SearchModule {}
