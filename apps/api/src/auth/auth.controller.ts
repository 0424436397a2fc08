import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { Public } from '../common/auth.decorators';
import { ErrorResponseDto } from '../common/error-response.dto';
import { LoginDto, SessionDto } from './auth.dto';
import { SessionService } from './session.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly sessions: SessionService) {}

  /** Signs in with a login name and password and returns a bearer token for the API. */
  @Public()
  @UseGuards(AuthGuard('local'))
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  login(@Body() _credentials: LoginDto, @Req() request: { user: UserIdentity }): Promise<SessionDto> {
    return this.sessions.start(request.user);
  }
}
