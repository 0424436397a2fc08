import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { RegistriesModule } from '../registries/registries.module';
import { AccessSnapshot } from './access-snapshot';
import { ExplainController } from './explain/explain.controller';
import { ExplainService } from './explain/explain.service';
import { PolicyService } from './policy.service';
import { RulesController } from './rules/rules.controller';
import { RulesRepository } from './rules/rules.repository';
import { RulesService } from './rules/rules.service';

/**
 * Who may do what: the rules, the snapshot of everything a decision reads (kept per access
 * generation), the decisions themselves (pure, in libs/domain) and their explanation.
 */
@Module({
  imports: [IdentityModule, RegistriesModule],
  controllers: [RulesController, ExplainController],
  providers: [RulesRepository, RulesService, AccessSnapshot, PolicyService, ExplainService],
  exports: [AccessSnapshot, PolicyService, RulesRepository, RulesService],
})
export class PolicyModule {}
