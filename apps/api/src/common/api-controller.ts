import { Controller } from '@nestjs/common';

/** Where the REST API lives. */
export const API_PREFIX = 'api/v1';

/**
 * A REST API controller at `/api/v1/<path>`. The prefix is part of the route itself, not added by
 * a module at start-up, so the OpenAPI document built without starting anything has it too.
 */
export const ApiController = (path: string): ClassDecorator => Controller(`${API_PREFIX}/${path}`);
