import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { RegistriesRepository } from '../registries/registries.repository';
import { AccessSnapshot } from './access-snapshot';
import { AmbiguousNamesReport, AmbiguousNamesRepository } from './ambiguous-names';
import { AppsController } from './apps/apps.controller';
import { AppsRepository } from './apps/apps.repository';
import { AppsService } from './apps/apps.service';
import { CredentialCache } from './credential-cache';
import { CredentialsService } from './credentials.service';
import { ExplainController } from './explain/explain.controller';
import { ExplainService } from './explain/explain.service';
import { GroupsController } from './groups/groups.controller';
import { GroupsRepository } from './groups/groups.repository';
import { GroupsService } from './groups/groups.service';
import { PasswordHasher } from './password-hasher';
import { PolicyService } from './policy.service';
import { RefreshTokensController } from './refresh-tokens/refresh-tokens.controller';
import { RefreshTokensRepository } from './refresh-tokens/refresh-tokens.repository';
import { RefreshTokensService } from './refresh-tokens/refresh-tokens.service';
import { RobotsController } from './robots/robots.controller';
import { RobotsRepository } from './robots/robots.repository';
import { RobotsService } from './robots/robots.service';
import { RulesController } from './rules/rules.controller';
import { RulesRepository } from './rules/rules.repository';
import { RulesService } from './rules/rules.service';
import { ServicesController } from './services/services.controller';
import { ServicesRepository } from './services/services.repository';
import { ServicesService } from './services/services.service';
import { AccessTokensController } from './tokens/access-tokens.controller';
import { AccessTokensRepository } from './tokens/access-tokens.repository';
import { AccessTokensService } from './tokens/access-tokens.service';
import { TwoFactorController } from './two-factor/two-factor.controller';
import { TwoFactorRepository } from './two-factor/two-factor.repository';
import { TwoFactorService } from './two-factor/two-factor.service';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

/** Who may do what: users, groups, apps, machine identities, tokens, rules and the policy. */
@Module({
  imports: [DirectoryModule],
  controllers: [
    UsersController,
    TwoFactorController,
    GroupsController,
    AppsController,
    ServicesController,
    RobotsController,
    AccessTokensController,
    RefreshTokensController,
    RulesController,
    ExplainController,
  ],
  providers: [
    AmbiguousNamesRepository,
    AmbiguousNamesReport,
    PasswordHasher,
    TwoFactorRepository,
    TwoFactorService,
    UsersRepository,
    UsersService,
    GroupsRepository,
    GroupsService,
    AppsRepository,
    AppsService,
    ServicesRepository,
    ServicesService,
    RobotsRepository,
    RobotsService,
    AccessTokensRepository,
    AccessTokensService,
    RefreshTokensRepository,
    RefreshTokensService,
    RulesRepository,
    RulesService,
    CredentialCache,
    CredentialsService,
    AccessSnapshot,
    PolicyService,
    ExplainService,
    RegistriesRepository,
  ],
  exports: [
    DirectoryModule,
    TwoFactorService,
    AccessSnapshot,
    CredentialsService,
    RefreshTokensService,
    GroupsService,
    PolicyService,
    RulesService,
    PasswordHasher,
    UsersService,
  ],
})
export class AccessModule {}
