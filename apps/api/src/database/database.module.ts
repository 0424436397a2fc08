import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AdvisoryLocks } from './advisory-lock';
import { Database } from './database';
import { InstanceSecretsRepository } from './instance-secrets.repository';
import { PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [
    { provide: Database, inject: [AppConfig], useFactory: (config: AppConfig) => Database.open(config) },
    PrismaService,
    AdvisoryLocks,
    InstanceSecretsRepository,
  ],
  exports: [PrismaService, AdvisoryLocks, Database, InstanceSecretsRepository],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
