import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { ClusterModule } from './cluster/cluster.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { DatabaseModule } from './database/database.module';
import { DeclarativeModule } from './declarative/declarative.module';
import { DirectoryModule } from './directory/directory.module';
import { DiscoveryModule } from './discovery/discovery.module';
import { ErrorsModule } from './errors/errors.module';
import { IdentityModule } from './identity/identity.module';
import { JobsModule } from './jobs/jobs.module';
import { ObservabilityModule } from './observability/observability.module';
import { PolicyModule } from './policy/policy.module';
import { RegistriesModule } from './registries/registries.module';
import { RegistryClientModule } from './registry-client/registry-client.module';
import { SearchModule } from './search/search.module';
import { SigningModule } from './signing/signing.module';
import { TokenModule } from './token/token.module';
import { UsageModule } from './usage/usage.module';

/**
 * The application, its features from the surface down (docs/architecture.md draws the graph; the
 * lint rule `no-restricted-imports` in eslint.config.mjs keeps it a DAG).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // What registries and their clients call: the token endpoint and docker search.
        TokenModule,
        SearchModule,
        // The REST API's features.
        AuthModule,
        DeclarativeModule,
        UsageModule,
        DiscoveryModule,
        CatalogModule,
        RegistryClientModule,
        PolicyModule,
        RegistriesModule,
        IdentityModule,
        DirectoryModule,
        SigningModule,
        JobsModule,
        // Foundations every feature may use.
        AuditModule,
        ObservabilityModule,
        ErrorsModule,
        ClusterModule,
        ScheduleModule.forRoot(),
        DatabaseModule,
        ConfigModule.forRoot(config),
        // Last: its catch-all route serves the console's client-side routes.
        ConsoleModule,
      ],
    };
  }
}
