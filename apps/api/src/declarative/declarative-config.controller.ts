import { Body, HttpCode, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { stringify } from 'yaml';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { AuditsItself } from '../common/audit.decorators';
import { Authenticated, Principal, TokenScope } from '../common/auth.decorators';
import type { JobKind } from '../jobs/job.dto';
import { JobsService } from '../jobs/jobs.service';
import { LongRunningOperation, respondLongRunning } from '../jobs/long-running';
import { ApplyConfigDto, ApplySummaryDto, ImportDockerAuthDto, ImportHtpasswdDto } from './declarative-config.dto';
import { DeclarativeConfigService } from './declarative-config.service';
import { dockerAuthToConfig, htpasswdToConfig } from './importers';

@ApiTags('configuration')
@Authenticated({ admin: true })
@TokenScope('credentials')
@ApiController('config')
export class DeclarativeConfigController {
  constructor(
    private readonly declarative: DeclarativeConfigService,
    private readonly jobs: JobsService,
  ) {}

  /** Applies a portcullis.yaml document: all of it, or nothing (400 naming each bad field). */
  @AuditsItself()
  @Post('apply')
  @HttpCode(200)
  @LongRunningOperation(ApplySummaryDto)
  applyConfig(
    @Principal() caller: UserIdentity,
    @Body() input: ApplyConfigDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.apply(reply, caller, 'config.apply', input.yaml, 'API');
  }

  /** Imports the users of an htpasswd file (bcrypt; re-hashed with argon2id at their next sign-in). */
  @AuditsItself()
  @Post('import/htpasswd')
  @HttpCode(200)
  @LongRunningOperation(ApplySummaryDto)
  importHtpasswd(
    @Principal() caller: UserIdentity,
    @Body() input: ImportHtpasswdDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.apply(reply, caller, 'config.import', stringify(htpasswdToConfig(input.htpasswd)), 'htpasswd import');
  }

  /** Imports a docker_auth configuration: static users, and the static ACL as configuration rules. */
  @AuditsItself()
  @Post('import/docker-auth')
  @HttpCode(200)
  @LongRunningOperation(ApplySummaryDto)
  importDockerAuth(
    @Principal() caller: UserIdentity,
    @Body() input: ImportDockerAuthDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.apply(reply, caller, 'config.import', stringify(dockerAuthToConfig(input.yaml)), 'docker_auth import');
  }

  /** A document checked now, applied within the request or as a job (`Prefer: respond-async`). */
  private apply(reply: FastifyReply, caller: UserIdentity, kind: JobKind, yaml: string, source: string): Promise<void> {
    const operation = this.declarative.prepareApply(yaml, { actor: caller.name, source });
    return respondLongRunning(reply, this.jobs, kind, caller, operation);
  }
}
