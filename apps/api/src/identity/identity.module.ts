import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { AccessTokensController } from './access-tokens/access-tokens.controller';
import { AccessTokensRepository } from './access-tokens/access-tokens.repository';
import { AccessTokensService } from './access-tokens/access-tokens.service';
import { AmbiguousNamesReport, AmbiguousNamesRepository } from './ambiguous-names';
import { AppsController } from './apps/apps.controller';
import { AppsRepository } from './apps/apps.repository';
import { AppsService } from './apps/apps.service';
import { CredentialCache } from './credentials/credential-cache';
import { CredentialsService } from './credentials/credentials.service';
import { PasswordHasher } from './credentials/password-hasher';
import { DirectoryAccounts } from './external-accounts/directory-accounts.service';
import { ExternalAccountsRepository } from './external-accounts/external-accounts.repository';
import { ExternalAccountsService } from './external-accounts/external-accounts.service';
import { GroupsController } from './groups/groups.controller';
import { GroupsRepository } from './groups/groups.repository';
import { GroupsService } from './groups/groups.service';
import { RefreshTokensController } from './refresh-tokens/refresh-tokens.controller';
import { RefreshTokensRepository } from './refresh-tokens/refresh-tokens.repository';
import { RefreshTokensService } from './refresh-tokens/refresh-tokens.service';
import { RobotsController } from './robots/robots.controller';
import { RobotsRepository } from './robots/robots.repository';
import { RobotsService } from './robots/robots.service';
import { ServicesController } from './services/services.controller';
import { ServicesRepository } from './services/services.repository';
import { ServicesService } from './services/services.service';
import { TwoFactorController } from './two-factor/two-factor.controller';
import { TwoFactorRepository } from './two-factor/two-factor.repository';
import { TwoFactorService } from './two-factor/two-factor.service';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

/**
 * Who is who: users, groups and apps, machine identities (robots, services), personal access and
 * docker refresh tokens, two-factor sign-in, accounts of a directory or an OpenID Connect provider,
 * and the verification of every credential.
 */
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
    ExternalAccountsRepository,
    ExternalAccountsService,
    DirectoryAccounts,
    CredentialCache,
    CredentialsService,
  ],
  exports: [
    AppsRepository,
    GroupsRepository,
    RobotsRepository,
    ServicesRepository,
    UsersRepository,
    CredentialsService,
    DirectoryAccounts,
    ExternalAccountsService,
    GroupsService,
    PasswordHasher,
    RefreshTokensService,
    TwoFactorService,
    UsersService,
  ],
})
export class IdentityModule {}
