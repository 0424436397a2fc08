import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessGeneration } from './access-generation';
import { AccessStateRepository } from './access-state.repository';
import { ChangeSyncInterceptor } from './change-sync.interceptor';
import { LoginThrottle } from './login-throttle';
import { ClusterRedis } from './redis';

/** What replicas share besides the database's rows: the access generation and login throttling. */
@Global()
@Module({
  providers: [
    ClusterRedis,
    AccessStateRepository,
    AccessGeneration,
    LoginThrottle,
    { provide: APP_INTERCEPTOR, useClass: ChangeSyncInterceptor },
  ],
  exports: [AccessGeneration, LoginThrottle],
})
export class ClusterModule {}
