import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiExceptionFilter } from './api-exception.filter';

/**
 * How failures are answered: one error shape for the API (`{statusCode, code, message,
 * correlationId}`), the registries' shape on their notification endpoint, 503 with Retry-After
 * when the database or the directory does not answer, and nothing internal in any body.
 */
@Module({
  providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
})
export class ErrorsModule {}
