import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { AccessGeneration } from './access-generation';
import { AccessStateRepository } from './access-state.repository';
import { ChangeSyncInterceptor } from './change-sync.interceptor';
import { LoginThrottle } from './login-throttle';
import { ClusterRedis } from './redis';

/** What replicas share besides the database's rows: the access generation and login throttling. */
@Global()
@Module({
  providers: [
    { provide: ClusterRedis, inject: [AppConfig], useFactory: (config: AppConfig) => ClusterRedis.open(config) },
    AccessStateRepository,
    AccessGeneration,
    LoginThrottle,
    { provide: APP_INTERCEPTOR, useClass: ChangeSyncInterceptor },
  ],
  exports: [AccessGeneration, LoginThrottle],
})
export class ClusterModule {}
