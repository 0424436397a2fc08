import type { DynamicModule, Type } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { Test, type TestingModule } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditModule } from './audit/audit.module';
import { ClusterModule } from './cluster/cluster.module';
import { loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ObservabilityModule } from './observability/observability.module';

/**
 * For service specs: a Nest testing module of the foundations and `imports` (the module under
 * test, with what it imports), on the PostgreSQL database at `databaseUrl`, initialised (its
 * lifecycle hooks ran, the admin exists). No HTTP: services are called directly.
 */
export async function serviceTestingModule(
  databaseUrl: string,
  imports: (Type | DynamicModule)[],
  env: Record<string, string> = {},
): Promise<TestingModule> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'portcullis-service-')),
    ADMIN_PASSWORD: 'admin-password-for-service-tests',
    DISCOVERY_INTERVAL: '0',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule,
      ClusterModule,
      ObservabilityModule,
      AuditModule,
      ScheduleModule.forRoot(),
      ...imports,
    ],
  }).compile();
  module.useLogger(['error', 'warn']);
  await module.init();
  return module;
}
