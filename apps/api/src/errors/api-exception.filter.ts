import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ErrorCode, codeOfStatus, statusOf } from '../common/app-error';
import { decodedPath } from '../common/edge';
import type { ErrorResponseDto } from '../common/error-response.dto';
import { UNAVAILABLE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../database/database-unavailable';
import { DIRECTORY_RETRY_AFTER_SECONDS, DirectoryUnavailable } from '../directory/directory-unavailable';
import { REGISTRY_EVENTS_PATH, registryErrorOf } from './registry-events-error';

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = response.message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return exception.message;
}

/** Fastify's own errors (bad JSON, body too large, …) carry a 4xx `statusCode`. */
function isClientFrameworkError(e: unknown): e is { statusCode: number; message: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { statusCode?: unknown }).statusCode === 'number' &&
    (e as { statusCode: number }).statusCode >= 400 &&
    (e as { statusCode: number }).statusCode < 500
  );
}

/**
 * The body of a known error: coded errors, 4xx HTTP exceptions and the framework's own 4xx.
 * Undefined for anything unexpected, whose details only the server log may see.
 */
export function errorBodyOf(exception: unknown, correlationId: string): ErrorResponseDto | undefined {
  if (isDatabaseUnavailable(exception)) return errorBodyOf(databaseUnavailable(), correlationId);
  if (exception instanceof DirectoryUnavailable) return errorBodyOf(directoryUnavailable(), correlationId);
  if (exception instanceof AppError) {
    return { statusCode: statusOf(exception.code), code: exception.code, message: exception.message, correlationId };
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    return { statusCode: status, code: codeOfStatus(status), message: messageOf(exception), correlationId };
  }
  if (isClientFrameworkError(exception)) {
    const status = exception.statusCode;
    return { statusCode: status, code: codeOfStatus(status), message: exception.message, correlationId };
  }
  return undefined;
}

/** What a request that needs the database answers while it does not answer. */
export function databaseUnavailable(): AppError {
  return new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    'The database is unavailable; try again shortly',
    UNAVAILABLE_RETRY_AFTER_SECONDS,
  );
}

/** What a sign-in that needs the LDAP directory answers while it does not answer. */
function directoryUnavailable(): AppError {
  return new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    'The directory is unavailable; try again shortly',
    DIRECTORY_RETRY_AFTER_SECONDS,
  );
}

/** The `Retry-After` seconds an error asks for, if any. */
export function retryAfterOf(exception: unknown): number | undefined {
  if (isDatabaseUnavailable(exception)) return UNAVAILABLE_RETRY_AFTER_SECONDS;
  if (exception instanceof DirectoryUnavailable) return DIRECTORY_RETRY_AFTER_SECONDS;
  return exception instanceof AppError ? exception.retryAfterSeconds : undefined;
}

/** What an unexpected error answers: nothing about its cause. */
export function internalErrorBody(correlationId: string): ErrorResponseDto {
  return { statusCode: 500, code: ErrorCode.INTERNAL, message: 'Internal error', correlationId };
}

/**
 * The one place errors become HTTP responses: `{ statusCode, code, message, correlationId }`.
 * Coded errors keep their message; anything unexpected is a bare 500 whose details go to the
 * server log only, under the same correlation id.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    let body = errorBodyOf(exception, request.id);
    if (decodedPath(request.url).startsWith(REGISTRY_EVENTS_PATH)) {
      // Registries read errors in distribution's shape.
      const registry = registryErrorOf(exception, body);
      if (registry.status >= 500) this.logUnexpected(request, exception);
      void reply.status(registry.status).header('Content-Type', 'application/json; charset=utf-8').send(registry.body);
      return;
    }
    if (body === undefined) {
      this.logUnexpected(request, exception);
      body = internalErrorBody(request.id);
    }
    void sendError(reply, body, retryAfterOf(exception));
  }

  private logUnexpected(request: FastifyRequest, exception: unknown): void {
    this.logger.error(
      `${request.method} ${request.url.split('?')[0]} failed (correlation id ${request.id})`,
      exception instanceof Error ? exception.stack : String(exception),
    );
  }
}

/** Sends an error body as the API does everywhere, with `Retry-After` when the error asks for one. */
export function sendError(reply: FastifyReply, body: ErrorResponseDto, retryAfter?: number): FastifyReply {
  if (retryAfter !== undefined) void reply.header('Retry-After', String(retryAfter));
  return reply.status(body.statusCode).header('Content-Type', 'application/json; charset=utf-8').send(body);
}
