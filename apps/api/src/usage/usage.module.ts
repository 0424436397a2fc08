import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { RegistriesModule } from '../registries/registries.module';
import { UsageController } from './usage.controller';
import { UsageRepository } from './usage.repository';
import { UsageService } from './usage.service';

/** Which nodes and services run which images. */
@Module({
  imports: [PolicyModule, RegistriesModule],
  controllers: [UsageController],
  providers: [UsageRepository, UsageService],
})
export class UsageModule {}
