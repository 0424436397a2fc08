import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { IntId } from '../common/validation';
import { CreateRegistryDto, RegistryDto, UpdateRegistryDto } from './registries.dto';
import { RegistriesService } from './registries.service';

@ApiTags('registries')
@Controller('registries')
export class RegistriesController {
  constructor(private readonly registries: RegistriesService) {}

  /** Lists the declared registries. */
  @Authenticated()
  @Get()
  listRegistries(): Promise<RegistryDto[]> {
    return this.registries.list();
  }

  /** Declares a registry, so Portcullis issues tokens for its `service`. */
  @Authenticated({ admin: true })
  @Post()
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The service name is taken' })
  createRegistry(@Body() input: CreateRegistryDto): Promise<RegistryDto> {
    return this.registries.create(input);
  }

  /** Shows one registry. */
  @Authenticated()
  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getRegistry(@Param('id', IntId) id: number): Promise<RegistryDto> {
    return this.registries.get(id);
  }

  /** Changes a registry's URL or TLS setting. */
  @Authenticated({ admin: true })
  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  updateRegistry(@Param('id', IntId) id: number, @Body() input: UpdateRegistryDto): Promise<RegistryDto> {
    return this.registries.update(id, input);
  }

  /** Removes a registry: Portcullis stops issuing tokens for it. */
  @Authenticated({ admin: true })
  @Delete(':id')
  @HttpCode(204)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  deleteRegistry(@Param('id', IntId) id: number): Promise<void> {
    return this.registries.delete(id);
  }
}
