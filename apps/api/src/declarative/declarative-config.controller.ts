import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { stringify } from 'yaml';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { Authenticated, Principal } from '../common/auth.decorators';
import { ApplyConfigDto, ApplySummaryDto, ImportDockerAuthDto, ImportHtpasswdDto } from './declarative-config.dto';
import { DeclarativeConfigService } from './declarative-config.service';
import { dockerAuthToConfig, htpasswdToConfig } from './importers';

@ApiTags('configuration')
@Authenticated({ admin: true })
@ApiController('config')
export class DeclarativeConfigController {
  constructor(private readonly declarative: DeclarativeConfigService) {}

  /** Applies a portcullis.yaml document: all of it, or nothing (400 naming each bad field). */
  @Post('apply')
  @HttpCode(200)
  applyConfig(@Principal() caller: UserIdentity, @Body() input: ApplyConfigDto): Promise<ApplySummaryDto> {
    return this.declarative.applyText(input.yaml, { actor: caller.name, source: 'API' });
  }

  /** Imports the users of an htpasswd file (bcrypt; re-hashed with argon2id at their next sign-in). */
  @Post('import/htpasswd')
  @HttpCode(200)
  importHtpasswd(@Principal() caller: UserIdentity, @Body() input: ImportHtpasswdDto): Promise<ApplySummaryDto> {
    return this.declarative.applyText(stringify(htpasswdToConfig(input.htpasswd)), {
      actor: caller.name,
      source: 'htpasswd import',
    });
  }

  /** Imports a docker_auth configuration: static users, and the static ACL as configuration rules. */
  @Post('import/docker-auth')
  @HttpCode(200)
  importDockerAuth(@Principal() caller: UserIdentity, @Body() input: ImportDockerAuthDto): Promise<ApplySummaryDto> {
    return this.declarative.applyText(stringify(dockerAuthToConfig(input.yaml)), {
      actor: caller.name,
      source: 'docker_auth import',
    });
  }
}
