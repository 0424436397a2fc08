import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiController } from '../common/api-controller';
import { Public } from '../common/auth.decorators';
import { PrismaService } from '../database/prisma.service';

export class HealthDto {
  /** `ok` when the server and its database answer. */
  status!: 'ok';
}

@ApiTags('health')
@ApiController('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  /** Liveness and readiness: answers 200 when the database answers. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  async getHealth(): Promise<HealthDto> {
    await this.prisma.$queryRaw`SELECT 1`;
    return { status: 'ok' };
  }
}
