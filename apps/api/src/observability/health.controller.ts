import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiController } from '../common/api-controller';
import { Public } from '../common/auth.decorators';
import { DatabaseUnavailable } from '../database/database-unavailable';
import { ProbesService } from './probes.service';

export class HealthDto {
  /** `ok` when the server and its database answer. */
  status!: 'ok';
}

@ApiTags('health')
@ApiController('health')
export class HealthController {
  constructor(private readonly probes: ProbesService) {}

  /** Answers 200 when the database answers (503 otherwise); orchestrators use /health/live and /health/ready. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  async getHealth(): Promise<HealthDto> {
    if (!(await this.probes.databaseAnswers())) throw new DatabaseUnavailable();
    return { status: 'ok' };
  }
}
