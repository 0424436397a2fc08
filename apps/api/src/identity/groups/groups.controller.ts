import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { ApiController } from '../../common/api-controller';
import { AdminOnly, Authenticated, TokenScope } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/error-response.dto';
import { IntId } from '../../common/validation';
import { CreateGroupDto, GroupDto, GroupListQueryDto, GroupPageDto } from './groups.dto';
import { GroupsService } from './groups.service';

@ApiTags('groups')
@Authenticated()
@TokenScope('global')
@ApiController('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  /** Lists groups. */
  @Get()
  listGroups(@Query() query: GroupListQueryDto): Promise<GroupPageDto> {
    return this.groups.list(query);
  }

  /** Creates a group. */
  @AdminOnly()
  @Post()
  @ApiConflictResponse({ type: ErrorResponseDto })
  createGroup(@Body() input: CreateGroupDto): Promise<GroupDto> {
    return this.groups.create(input);
  }

  /** Shows a group. */
  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getGroup(@Param('id', IntId) id: number): Promise<GroupDto> {
    return this.groups.get(id);
  }

  /** Renames a group (`groups/<id>/` paths keep working). */
  @AdminOnly()
  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  renameGroup(@Param('id', IntId) id: number, @Body() input: CreateGroupDto): Promise<GroupDto> {
    return this.groups.rename(id, input);
  }

  /** Deletes a group and its memberships. */
  @AdminOnly()
  @Delete(':id')
  @HttpCode(204)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  deleteGroup(@Param('id', IntId) id: number): Promise<void> {
    return this.groups.delete(id);
  }
}
