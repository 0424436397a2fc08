import type { ErrorResponseDto } from '../common/error-response.dto';

/** An error the notification endpoint answers, as a registry reads errors (distribution's shape). */
export class RegistryEventsError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly code: 'INVALID_REQUEST' | 'UNAUTHORIZED',
    message: string,
  ) {
    super(message);
    this.name = 'RegistryEventsError';
  }
}

/** Where registries send notifications: its errors are in their shape. */
export const REGISTRY_EVENTS_PATH = '/registry/';

/**
 * An error of the notification endpoint as registries read errors, `{"errors":[{code, message}]}`:
 * its own, or any other error already made an API error body (`api`), or a bare 500.
 */
export function registryErrorOf(
  exception: unknown,
  api: ErrorResponseDto | undefined,
): { status: number; body: { errors: { code: string; message: string }[] } } {
  if (exception instanceof RegistryEventsError) {
    return { status: exception.status, body: { errors: [{ code: exception.code, message: exception.message }] } };
  }
  if (api) return { status: api.statusCode, body: { errors: [{ code: api.code, message: api.message }] } };
  return { status: 500, body: { errors: [{ code: 'UNKNOWN', message: 'internal error' }] } };
}
