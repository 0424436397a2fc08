import { Controller, Get, Header, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBasicAuth,
  ApiBody,
  ApiConsumes,
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth.decorators';
import { KeyStore } from '../signing/key-store';
import { TokenExceptionFilter } from './token-exception.filter';
import { answerTokenRequest } from './token-fast-path';
import { JwksDto, TokenFormDto, TokenResponseDto } from './token.dto';
import { TokenService } from './token.service';

/**
 * The Docker registry token endpoint: the registry's `auth.token.realm`. The token routes are
 * answered by installTokenFastPath's hook ahead of Nest's pipeline; they are declared here too.
 */
@ApiTags('docker token')
@Public()
@UseFilters(TokenExceptionFilter)
@Controller()
export class TokenController {
  constructor(
    private readonly tokens: TokenService,
    private readonly keys: KeyStore,
  ) {}

  /** Issues a registry token (token.md). */
  @Get('token')
  @Header('Cache-Control', 'no-store')
  @ApiBasicAuth()
  @ApiQuery({ name: 'service', required: true, description: "The registry's auth.token.service" })
  @ApiQuery({ name: 'scope', required: false, isArray: true, description: 'type:name:actions, repeatable' })
  @ApiQuery({ name: 'account', required: false })
  @ApiQuery({ name: 'offline_token', required: false, description: '`true` asks for a refresh token' })
  @ApiQuery({ name: 'client_id', required: false })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({ description: 'Malformed request, bad scope or unknown service' })
  @ApiUnauthorizedResponse({ description: 'Wrong credentials' })
  getToken(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return answerTokenRequest(this.tokens, request, reply);
  }

  /** Issues a registry token for an OAuth2 password or refresh-token grant (oauth.md). */
  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenFormDto })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({ description: 'Malformed request, unsupported grant, bad scope or unknown service' })
  @ApiUnauthorizedResponse({ description: 'Wrong credentials or refresh token' })
  postToken(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return answerTokenRequest(this.tokens, request, reply);
  }

  /** `/auth/token`: the realm distribution 2.8's `autoredirect` builds. */
  @Get('auth/token')
  @Header('Cache-Control', 'no-store')
  @ApiExcludeEndpoint()
  getTokenAtAutoredirectPath(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return answerTokenRequest(this.tokens, request, reply);
  }

  @Post('auth/token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiExcludeEndpoint()
  postTokenAtAutoredirectPath(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return answerTokenRequest(this.tokens, request, reply);
  }

  /** The PEM certificate bundle for the registry's `auth.token.rootcertbundle`. */
  @Get('token/certs')
  @Header('Content-Type', 'application/x-pem-file')
  @ApiProduces('application/x-pem-file')
  @ApiOkResponse({ description: 'PEM certificates', schema: { type: 'string' } })
  getTokenCertificates(): string {
    return this.keys.certificateBundle;
  }

  /** The token keys as a JWKS (distribution 3.x `auth.token.jwks`), `kid` = libtrust key id. */
  @Get('.well-known/jwks.json')
  @ApiOkResponse({ description: 'RFC 7517 key set', type: JwksDto })
  getJwks(): JwksDto {
    return this.keys.jwks();
  }
}
