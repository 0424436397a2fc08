import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../../common/api-controller';
import { Authenticated, Principal, TokenScope } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/error-response.dto';
import { IntId } from '../../common/validation';
import {
  CreateRobotDto,
  RobotDto,
  RobotListQueryDto,
  RobotPageDto,
  RobotWithSecretDto,
  UpdateRobotDto,
} from './robots.dto';
import { RobotsService } from './robots.service';

@ApiTags('robots')
@Authenticated()
@TokenScope('global')
@ApiController('robots')
export class RobotsController {
  constructor(private readonly robots: RobotsService) {}

  /** Lists CI robots. */
  @Get()
  listRobots(@Principal() caller: UserIdentity, @Query() query: RobotListQueryDto): Promise<RobotPageDto> {
    return this.robots.list(caller, query);
  }

  /** Creates a robot; its secret is in the answer, once. */
  @TokenScope('credentials')
  @Post()
  @ApiConflictResponse({ type: ErrorResponseDto })
  createRobot(@Principal() caller: UserIdentity, @Body() input: CreateRobotDto): Promise<RobotWithSecretDto> {
    return this.robots.create(caller, input);
  }

  /** Shows a robot. */
  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getRobot(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<RobotDto> {
    return this.robots.get(caller, id);
  }

  /** Changes a robot's permissions or expiry. */
  @TokenScope('credentials')
  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  updateRobot(
    @Principal() caller: UserIdentity,
    @Param('id', IntId) id: number,
    @Body() input: UpdateRobotDto,
  ): Promise<RobotDto> {
    return this.robots.update(caller, id, input);
  }

  /** Replaces the secret with a new one, shown once. */
  @TokenScope('credentials')
  @Post(':id/rotate')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  rotateRobotSecret(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<RobotWithSecretDto> {
    return this.robots.rotate(caller, id);
  }

  /** Revokes the robot until its secret is rotated. */
  @Post(':id/revoke')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  revokeRobot(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<RobotDto> {
    return this.robots.revoke(caller, id);
  }

  /** Deletes a robot. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  deleteRobot(@Principal() caller: UserIdentity, @Param('id', IntId) id: number): Promise<void> {
    return this.robots.delete(caller, id);
  }
}
