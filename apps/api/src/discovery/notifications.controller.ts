import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../common/auth.decorators';
import { RegistryEventsError } from '../errors/registry-events-error';
import { NotificationSecrets } from '../registries/notification-secrets';
import { NotificationOutcome, NotificationsService } from './notifications.service';

class NotificationOutcomeDto implements NotificationOutcome {
  received!: number;
  applied!: number;
  duplicates!: number;
  ignored!: number;
}

function parse(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) return body;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryEventsError(400, 'INVALID_REQUEST', 'the body is not a JSON notification envelope');
  }
}

/** The registry's notification endpoint (`notifications.endpoints[].url` in its config.yml). */
@ApiTags('registry notifications')
@Public()
@Controller('registry')
export class NotificationsController {
  constructor(
    private readonly secrets: NotificationSecrets,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Receives a notification envelope (media types `application/vnd.docker.distribution.events.v1+json`
   * and `…v2+json`), authenticated by the registry's bearer secret from its generated config.yml.
   */
  @Post('events')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: NotificationOutcomeDto })
  @ApiUnauthorizedResponse({ description: 'Not a registry secret' })
  async receiveRegistryEvents(
    @Headers('authorization') authorization: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<NotificationOutcome> {
    const registry = await this.secrets.registryOf(authorization);
    if (!registry)
      throw new RegistryEventsError(401, 'UNAUTHORIZED', 'not a notification secret of a declared registry');
    return this.notifications.receive(registry, parse(request.body));
  }
}
