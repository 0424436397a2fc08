import { Body, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../../common/api-controller';
import { Authenticated, Principal, TokenScope } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/error-response.dto';
import { UuidId } from '../../common/validation';
import {
  AccessTokenListQueryDto,
  AccessTokenPageDto,
  AccessTokenWithSecretDto,
  CreateAccessTokenDto,
} from './access-tokens.dto';
import { AccessTokensService } from './access-tokens.service';

@ApiTags('personal access tokens')
@Authenticated()
@TokenScope('credentials')
@ApiController('access-tokens')
export class AccessTokensController {
  constructor(private readonly tokens: AccessTokensService) {}

  /** Lists live personal access tokens: the caller's, or everyone's for an admin. */
  @Get()
  listAccessTokens(
    @Principal() caller: UserIdentity,
    @Query() query: AccessTokenListQueryDto,
  ): Promise<AccessTokenPageDto> {
    return this.tokens.list(caller, query);
  }

  /** Creates a personal access token for the caller; the token is in the answer, once. */
  @Post()
  createAccessToken(
    @Principal() caller: UserIdentity,
    @Body() input: CreateAccessTokenDto,
  ): Promise<AccessTokenWithSecretDto> {
    return this.tokens.create(caller, input);
  }

  /** Replaces the token's value, keeping its settings; the new value is in the answer, once. */
  @Post(':id/rotate')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  rotateAccessToken(
    @Principal() caller: UserIdentity,
    @Param('id', UuidId) id: string,
  ): Promise<AccessTokenWithSecretDto> {
    return this.tokens.rotate(caller, id);
  }

  /** Revokes a personal access token at once. */
  @TokenScope({ ownToken: 'id' })
  @Delete(':id')
  @HttpCode(204)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  revokeAccessToken(@Principal() caller: UserIdentity, @Param('id', UuidId) id: string): Promise<void> {
    return this.tokens.revoke(caller, id);
  }
}
