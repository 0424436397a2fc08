import { Body, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../common/api-controller';
import { AdminOnly, Authenticated, Principal, TokenScope } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { IntId } from '../common/validation';
import {
  CreateRegistryDto,
  ProvisionQueryDto,
  RegistryConfigDto,
  RegistryDto,
  RegistryListQueryDto,
  RegistryPageDto,
  UpdateRegistryDto,
} from './registries.dto';
import { RegistriesService } from './registries.service';
import { RegistryConfigService } from './registry-config.service';

@ApiTags('registries')
@Authenticated()
@TokenScope({ registry: 'id' })
@ApiController('registries')
export class RegistriesController {
  constructor(
    private readonly registries: RegistriesService,
    private readonly configs: RegistryConfigService,
  ) {}

  /** Lists the declared registries. */
  @TokenScope('any')
  @Get()
  listRegistries(@Principal() caller: UserIdentity, @Query() query: RegistryListQueryDto): Promise<RegistryPageDto> {
    return this.registries.list(caller, query);
  }

  /** Declares a registry, so Portcullis issues tokens for its `service` (DockerRegistriesManager). */
  @TokenScope('global')
  @Post()
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The service name is taken' })
  createRegistry(@Principal() caller: UserIdentity, @Body() input: CreateRegistryDto): Promise<RegistryDto> {
    return this.registries.create(caller, input);
  }

  /** Shows one registry. */
  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getRegistry(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<RegistryDto> {
    return this.registries.get(caller, id);
  }

  /**
   * Approves the registry's current `url` and `insecure` (admins): Portcullis then calls it with its
   * own tokens (discovery, tag deletion). An address a non-admin set waits for this.
   */
  @Post(':id/approve-endpoint')
  @HttpCode(200)
  @AdminOnly()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  approveRegistryEndpoint(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<RegistryDto> {
    return this.registries.approveEndpoint(caller, id);
  }

  /**
   * Changes a registry's settings, groups and public paths (admins and its responsibles). A new `url`
   * or `insecure` set by a responsible who is not an admin awaits an admin's approval.
   */
  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  updateRegistry(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Body() input: UpdateRegistryDto,
  ): Promise<RegistryDto> {
    return this.registries.update(caller, id, input);
  }

  /** Removes a registry: Portcullis stops issuing tokens for it (admins and its responsibles). */
  @Delete(':id')
  @HttpCode(204)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  deleteRegistry(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<void> {
    return this.registries.delete(caller, id);
  }

  /** The registry's config.yml and an nginx.conf to put in front of it (admins and its responsibles). */
  @TokenScope('credentials')
  @Get(':id/config')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getRegistryConfig(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<RegistryConfigDto> {
    return this.configs.renderConfig(caller, id);
  }

  /** Replaces the registry's notification secret; deploy the returned config.yml. */
  @TokenScope('credentials')
  @Post(':id/config/rotate-notification-secret')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  rotateNotificationSecret(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
  ): Promise<RegistryConfigDto> {
    return this.configs.rotateNotificationSecret(caller, id);
  }

  /**
   * Every file the registry runs with, as a .tar.gz (admins and its responsibles): config.yml,
   * nginx.conf, a self-signed certificate for its host, the token bundle and a README. A
   * pull-through cache's upstream password goes in the X-Portcullis-Proxy-Password header.
   */
  @TokenScope('credentials')
  @Get(':id/provision')
  @ApiProduces('application/gzip')
  @ApiOkResponse({ description: "A .tar.gz of the registry's directory", schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiHeader({ name: 'X-Portcullis-Proxy-Password', required: false, description: "The upstream registry's password" })
  async provisionRegistry(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Query() layout: ProvisionQueryDto,
    @Headers('x-portcullis-proxy-password') proxyPassword: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { fileName, archive } = await this.configs.provision(caller, id, layout, proxyPassword);
    void reply
      .header('Content-Type', 'application/gzip')
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .header('Cache-Control', 'no-store');
    return archive;
  }
}
