import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { RegistriesController } from './registries.controller';
import { RegistriesRepository } from './registries.repository';
import { RegistriesService } from './registries.service';

@Module({
  imports: [AccessModule],
  controllers: [RegistriesController],
  providers: [RegistriesRepository, RegistriesService],
  exports: [RegistriesRepository, RegistriesService],
})
export class RegistriesModule {}
