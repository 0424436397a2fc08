import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';
import { loginNameOf } from '@portcullis/domain';
import { AppError } from '../common/app-error';
import { CHANGE_AUDIT } from '../common/audit.decorators';
import type { AuthenticatedRequest } from '../common/auth.decorators';
import { isApiChange } from '../common/edge';
import { AuditService } from './audit.service';

function describe(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const r = result as Record<string, unknown>;
  const name = r.name ?? r.service ?? r.id;
  return typeof name === 'string' || typeof name === 'number' ? String(name) : undefined;
}

/**
 * Writes every change made through the API to the audit log, successful or refused: who, which
 * operation, on what, and the names of the fields sent (never their values: they may be secrets).
 */
@Injectable()
export class ChangeAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const operation = context.getHandler().name;
    if (!isApiChange(request) || this.reflector.get<boolean>(CHANGE_AUDIT, context.getHandler()) === false) {
      return next.handle();
    }
    const record = (outcome: 'ok' | 'failed', target: string | undefined, extra: Record<string, unknown>) => {
      const principal = request.principal;
      const body = request.body;
      this.audit.record({
        category: 'change',
        action: operation,
        actor: principal ? loginNameOf(principal) : '',
        actorKind: principal?.token ? 'token' : principal ? 'user' : 'anonymous',
        address: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
        outcome,
        target: target ?? request.url.split('?')[0]!,
        detail: {
          method: request.method,
          path: request.url.split('?')[0],
          fields: typeof body === 'object' && body !== null && !Buffer.isBuffer(body) ? Object.keys(body) : [],
          ...extra,
        },
      });
    };
    return next.handle().pipe(
      tap({
        next: (result) => record('ok', describe(result), {}),
        error: (error: unknown) =>
          record('failed', undefined, { error: error instanceof AppError ? error.code : 'ERROR' }),
      }),
    );
  }
}
