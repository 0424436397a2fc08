import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/error-response.dto';
import { IntId } from '../../common/validation';
import { CreateUserDto, UserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Lists users. */
  @Authenticated({ admin: true })
  @Get()
  listUsers(): Promise<UserDto[]> {
    return this.users.list();
  }

  /** Creates a local user. */
  @Authenticated({ admin: true })
  @Post()
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The name is taken' })
  createUser(@Body() input: CreateUserDto): Promise<UserDto> {
    return this.users.create(input);
  }

  /** Shows one user. */
  @Authenticated({ admin: true })
  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  getUser(@Param('id', IntId) id: number): Promise<UserDto> {
    return this.users.get(id);
  }
}
