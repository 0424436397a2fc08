import { Body, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../../common/api-controller';
import { Authenticated, Principal, TokenScope } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/error-response.dto';
import { IntId } from '../../common/validation';
import {
  CreateServiceDto,
  ServiceDto,
  ServiceListQueryDto,
  ServicePageDto,
  ServiceWithSecretDto,
} from './services.dto';
import { ServicesService } from './services.service';

@ApiTags('services')
@Authenticated()
@TokenScope('global')
@ApiController('services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  /** Lists services (app machine identities). */
  @Get()
  listServices(@Principal() caller: UserIdentity, @Query() query: ServiceListQueryDto): Promise<ServicePageDto> {
    return this.services.list(caller, query);
  }

  /** Creates a service; its secret is in the answer, once. */
  @TokenScope('credentials')
  @Post()
  @ApiConflictResponse({ type: ErrorResponseDto })
  createService(@Principal() caller: UserIdentity, @Body() input: CreateServiceDto): Promise<ServiceWithSecretDto> {
    return this.services.create(caller, input);
  }

  /** Shows a service. */
  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getService(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<ServiceDto> {
    return this.services.get(caller, id);
  }

  /** Replaces the secret with a new one, shown once. */
  @TokenScope('credentials')
  @Post(':id/rotate')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  rotateServiceSecret(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
  ): Promise<ServiceWithSecretDto> {
    return this.services.rotate(caller, id);
  }

  /** Revokes the secret: the service gets no token until rotated. */
  @Post(':id/revoke')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  revokeService(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<ServiceDto> {
    return this.services.revoke(caller, id);
  }

  /** Deletes a service. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  deleteService(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<void> {
    return this.services.delete(caller, id);
  }
}
