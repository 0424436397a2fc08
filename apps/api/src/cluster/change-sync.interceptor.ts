import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable, concatMap, from, map } from 'rxjs';
import { isApiChange } from '../common/edge';
import { AccessGeneration } from './access-generation';

/**
 * After a change made through the API, and before answering it, learns the new access generation
 * (and publishes it to the other replicas), so the next token already reflects the change.
 */
@Injectable()
export class ChangeSyncInterceptor implements NestInterceptor {
  constructor(private readonly generation: AccessGeneration) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!isApiChange(request)) return next.handle();
    return next
      .handle()
      .pipe(concatMap((result: unknown) => from(this.generation.changedHere()).pipe(map(() => result))));
  }
}
