import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { ApiController } from '../../common/api-controller';
import { AdminOnly, Authenticated, TokenScope } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/error-response.dto';
import { IntId } from '../../common/validation';
import { AppDto, AppListQueryDto, AppPageDto, CreateAppDto, UpdateAppDto } from './apps.dto';
import { AppsService } from './apps.service';

@ApiTags('apps')
@Authenticated()
@TokenScope('global')
@ApiController('apps')
export class AppsController {
  constructor(private readonly apps: AppsService) {}

  /** Lists apps with their responsible and publication groups. */
  @Get()
  listApps(@Query() query: AppListQueryDto): Promise<AppPageDto> {
    return this.apps.list(query);
  }

  /** Declares an app. */
  @AdminOnly()
  @Post()
  @ApiConflictResponse({ type: ErrorResponseDto })
  createApp(@Body() input: CreateAppDto): Promise<AppDto> {
    return this.apps.create(input);
  }

  /** Shows an app. */
  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getApp(@Param('id', IntId) id: number): Promise<AppDto> {
    return this.apps.get(id);
  }

  /** Changes an app's code or groups. */
  @AdminOnly()
  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  updateApp(@Param('id', IntId) id: number, @Body() input: UpdateAppDto): Promise<AppDto> {
    return this.apps.update(id, input);
  }

  /** Deletes an app, its services and its robots. */
  @AdminOnly()
  @Delete(':id')
  @HttpCode(204)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  deleteApp(@Param('id', IntId) id: number): Promise<void> {
    return this.apps.delete(id);
  }
}
