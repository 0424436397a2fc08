import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditQueryService } from './audit-query.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { ChangeAuditInterceptor } from './change-audit.interceptor';

@Global()
@Module({
  controllers: [AuditController],
  providers: [
    AuditRepository,
    AuditService,
    AuditQueryService,
    { provide: APP_INTERCEPTOR, useClass: ChangeAuditInterceptor },
  ],
  exports: [AuditService],
})
export class AuditModule {}
