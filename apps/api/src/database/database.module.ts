import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AdvisoryLocks } from './advisory-lock';
import { Database } from './database';
import { InstanceSecretsRepository } from './instance-secrets.repository';
import { InstanceSettingsRepository } from './instance-settings.repository';
import { PrismaService } from './prisma.service';
import { SqlPool } from './sql-pool';

@Global()
@Module({
  providers: [
    { provide: Database, inject: [AppConfig], useFactory: (config: AppConfig) => Database.open(config) },
    PrismaService,
    SqlPool,
    AdvisoryLocks,
    InstanceSecretsRepository,
    InstanceSettingsRepository,
  ],
  exports: [PrismaService, SqlPool, AdvisoryLocks, Database, InstanceSecretsRepository, InstanceSettingsRepository],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
