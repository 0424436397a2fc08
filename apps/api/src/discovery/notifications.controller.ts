import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../common/auth.decorators';
import { NotificationOutcome, NotificationsService } from './notifications.service';

class NotificationOutcomeDto implements NotificationOutcome {
  received!: number;
  applied!: number;
  duplicates!: number;
  ignored!: number;
}

/** The registry's notification endpoint (`notifications.endpoints[].url` in its config.yml). */
@ApiTags('registry notifications')
@Public()
@Controller('registry')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

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
    return this.notifications.receiveFrom(authorization, request.body);
  }
}
