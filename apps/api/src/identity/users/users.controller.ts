import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { ApiController } from '../../common/api-controller';
import { Authenticated, TokenScope } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/error-response.dto';
import { IntId } from '../../common/validation';
import { CreateUserDto, UpdateUserDto, UpdatedUserDto, UserDto, UserListQueryDto, UserPageDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Authenticated({ admin: true })
@TokenScope('global')
@ApiController('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Lists users. */
  @Get()
  listUsers(@Query() query: UserListQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  /** Creates a local user. */
  @TokenScope('credentials')
  @Post()
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The name is taken' })
  createUser(@Body() input: CreateUserDto): Promise<UserDto> {
    return this.users.create(input);
  }

  /** Shows one user. */
  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getUser(@Param('id', IntId) id: number): Promise<UserDto> {
    return this.users.get(id);
  }

  /**
   * Changes a user: password, privileges, groups, admin flag, disabled flag. A new password ends the
   * account's console sessions and docker identity tokens (`passwordChange` says so); its personal
   * access tokens are kept.
   */
  @TokenScope('credentials')
  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  updateUser(@Param('id', IntId) id: number, @Body() input: UpdateUserDto): Promise<UpdatedUserDto> {
    return this.users.update(id, input);
  }

  /** Deletes a user, its tokens and memberships (its audit history stays). */
  @Delete(':id')
  @HttpCode(204)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  deleteUser(@Param('id', IntId) id: number): Promise<void> {
    return this.users.delete(id);
  }
}
