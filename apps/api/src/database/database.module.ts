import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AdvisoryLocks } from './advisory-lock';
import { Database } from './database';
import { InstanceSecretsRepository } from './instance-secrets.repository';
import { InstanceSettingsRepository } from './instance-settings.repository';
import { PrismaService } from './prisma.service';
import { SqlPool } from './sql-pool';
import { Transactions } from './transactions';

@Global()
@Module({
  providers: [
    { provide: Database, inject: [AppConfig], useFactory: (config: AppConfig) => Database.open(config) },
    PrismaService,
    SqlPool,
    AdvisoryLocks,
    InstanceSecretsRepository,
    InstanceSettingsRepository,
    Transactions,
  ],
  exports: [
    PrismaService,
    SqlPool,
    AdvisoryLocks,
    Database,
    InstanceSecretsRepository,
    InstanceSettingsRepository,
    Transactions,
  ],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
