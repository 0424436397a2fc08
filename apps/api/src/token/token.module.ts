import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { IdentityModule } from '../identity/identity.module';
import { PolicyModule } from '../policy/policy.module';
import { RegistriesModule } from '../registries/registries.module';
import { SigningModule } from '../signing/signing.module';
import { installTokenFastPath } from './token-fast-path';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';

/**
 * The token endpoint registries send clients to (`/token`, `/auth/token`), and the keys registries
 * verify its tokens with. It answers token requests from a Fastify hook of its own, ahead of Nest's
 * per-request machinery (token-fast-path.ts); TokenController declares the same routes.
 */
@Module({
  imports: [SigningModule, IdentityModule, PolicyModule, RegistriesModule],
  controllers: [TokenController],
  providers: [TokenService],
})
export class TokenModule implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly tokens: TokenService,
  ) {}

  onModuleInit(): void {
    // A context without HTTP (a service test, a tool) has no adapter: nothing to answer.
    const fastify = this.adapter.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify !== undefined) installTokenFastPath(fastify, this.tokens);
  }
}
