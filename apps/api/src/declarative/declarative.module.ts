import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { JobsModule } from '../jobs/jobs.module';
import { PolicyModule } from '../policy/policy.module';
import { RegistriesModule } from '../registries/registries.module';
import { DeclarativeConfigController } from './declarative-config.controller';
import { DeclarativeConfigService } from './declarative-config.service';
import { DeclaredState } from './declared-state';

/** Configuration as code: applying, exporting and importing users, groups, apps, registries and rules. */
@Module({
  imports: [IdentityModule, PolicyModule, RegistriesModule, JobsModule],
  controllers: [DeclarativeConfigController],
  providers: [DeclaredState, DeclarativeConfigService],
})
export class DeclarativeModule {}
