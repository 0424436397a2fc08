import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AccessModule } from './access/access.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClusterModule } from './cluster/cluster.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { DatabaseModule } from './database/database.module';
import { DeclarativeConfigModule } from './declarative/declarative-config.module';
import { DiscoveryModule, NotificationsModule } from './discovery/discovery.module';
import { HealthController } from './health/health.controller';
import { JobsModule } from './jobs/jobs.module';
import { ObservabilityModule } from './observability/observability.module';
import { RegistriesModule } from './registries/registries.module';
import { ApiSearchModule, SearchModule } from './search/search.module';
import { TokenModule } from './token/token.module';
import { UsageModule } from './usage/usage.module';

@Module({ controllers: [HealthController] })
class HealthModule {}

/** The REST API's modules (their controllers live under /api/v1). */
const API_MODULES = [
  AuthModule,
  AccessModule,
  RegistriesModule,
  DiscoveryModule,
  ApiSearchModule,
  UsageModule,
  AuditModule,
  DeclarativeConfigModule,
  JobsModule,
  HealthModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        ClusterModule,
        ScheduleModule.forRoot(),
        ObservabilityModule,
        ...API_MODULES,
        TokenModule,
        NotificationsModule,
        SearchModule,
        // Last: its catch-all route serves the console's client-side routes.
        ConsoleModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
