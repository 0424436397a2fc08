import { Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { Authenticated, Principal, TokenScope } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { UuidId } from '../common/validation';
import { JobDto } from './job.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Authenticated()
@TokenScope('any')
@ApiController('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /** A job you started (admins: any job): its progress while it runs, then its result or error. */
  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getJob(@Principal() caller: UserIdentity, @Param('id', UuidId) id: string): Promise<JobDto> {
    return this.jobs.get(caller, id);
  }
}
