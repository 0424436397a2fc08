import { Type, applyDecorators } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { UserIdentity } from '@portcullis/domain';
import { JobDto, type JobKind } from './job.dto';
import type { JobsService } from './jobs.service';
import { IN_REQUEST, type Operation } from './operation';

/** Whether a `Prefer` header (RFC 7240) asks for `respond-async`. */
export function prefersAsync(prefer: string | string[] | undefined): boolean {
  const values = Array.isArray(prefer) ? prefer : prefer === undefined ? [] : [prefer];
  return values.some((value) =>
    value.split(',').some((preference) => preference.split(';')[0]!.trim().toLowerCase() === 'respond-async'),
  );
}

/**
 * The OpenAPI of a route answering with `respondLongRunning`: 200 with `type` when the work is
 * done in the request, or 202 with a job to poll when the caller sends `Prefer: respond-async`.
 * (The route keeps its own `@HttpCode(200)`, which the Swagger plugin reads from the source.)
 */
export function LongRunningOperation(type: Type): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Prefer',
      required: false,
      description:
        '`respond-async` to get 202 and a job at once (its `Location`), and poll GET /api/v1/jobs/{id} for progress and result',
    }),
    ApiOkResponse({ type, description: 'Done within the request' }),
    ApiAcceptedResponse({
      type: JobDto,
      description: 'Started as a job (with `Prefer: respond-async`)',
      headers: { Location: { description: 'The job: /api/v1/jobs/{id}', schema: { type: 'string' } } },
    }),
  );
}

/**
 * Runs `operation` within the request, or as a job when the caller prefers (202, `Location` of
 * the job, `Preference-Applied`). Routes using it take the reply with `@Res()`: Nest would
 * otherwise overwrite the status with the route's one.
 */
export async function respondLongRunning<T extends object>(
  reply: FastifyReply,
  jobs: JobsService,
  kind: JobKind,
  caller: UserIdentity,
  operation: Operation<T>,
): Promise<void> {
  if (!prefersAsync(reply.request.headers.prefer)) {
    const result = await operation(IN_REQUEST);
    await reply.status(200).send(result);
    return;
  }
  const job = await jobs.start(kind, caller, reply.request.id, operation);
  await reply
    .status(202)
    .header('Location', `/api/v1/jobs/${job.id}`)
    .header('Preference-Applied', 'respond-async')
    .send(job);
}
