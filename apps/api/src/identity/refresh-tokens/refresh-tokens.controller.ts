import { Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../../common/api-controller';
import { Authenticated, Principal, TokenScope } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/error-response.dto';
import { UuidId } from '../../common/validation';
import { RefreshTokenListQueryDto, RefreshTokenPageDto } from './refresh-tokens.dto';
import { RefreshTokensService } from './refresh-tokens.service';

@ApiTags('refresh-tokens')
@Authenticated()
@TokenScope('credentials')
@ApiController('refresh-tokens')
export class RefreshTokensController {
  constructor(private readonly tokens: RefreshTokensService) {}

  /** Lists live refresh tokens (docker identity tokens): the caller's own, or everyone's for an admin. */
  @Get()
  listRefreshTokens(
    @Principal() caller: UserIdentity,
    @Query() query: RefreshTokenListQueryDto,
  ): Promise<RefreshTokenPageDto> {
    return this.tokens.list(caller, query);
  }

  /** Revokes a refresh token: the docker client holding it must log in again. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  revokeRefreshToken(@Principal() caller: UserIdentity, @Param('id', UuidId) id: string): Promise<void> {
    return this.tokens.revoke(caller, id);
  }
}
