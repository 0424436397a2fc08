import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { InstanceSecretsRepository } from '../database/instance-secrets.repository';
import { IdentityModule } from '../identity/identity.module';
import { RegistriesModule } from '../registries/registries.module';
import { AuthController } from './auth.controller';
import { LocalStrategy } from './local.strategy';
import { OidcSignIn } from './oidc/oidc-sign-in.service';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { SessionCookie } from './session-cookie';
import { SessionGuard } from './session.guard';
import { SESSION_AUDIENCE, SessionService } from './session.service';
import { SessionsRepository } from './sessions.repository';

@Module({
  imports: [
    IdentityModule,
    RegistriesModule,
    PassportModule,
    JwtModule.registerAsync({
      extraProviders: [InstanceSecretsRepository],
      inject: [InstanceSecretsRepository, AppConfig],
      useFactory: async (secrets: InstanceSecretsRepository, config: AppConfig) => ({
        // Shared by every replica through the database; HS256 only, so a token signed with
        // another algorithm (`none`, or RS/ES with a public key as secret) never verifies.
        secret: await secrets.getOrCreate('session-hs256', () => randomBytes(32).toString('base64')),
        signOptions: {
          algorithm: 'HS256',
          expiresIn: config.sessionTtlSeconds,
          audience: SESSION_AUDIENCE,
          issuer: config.token.issuer,
        },
        verifyOptions: { algorithms: ['HS256'], audience: SESSION_AUDIENCE, issuer: config.token.issuer },
      }),
    }),
  ],
  controllers: [AuthController, OidcController],
  providers: [
    LocalStrategy,
    OidcService,
    OidcSignIn,
    SessionService,
    SessionCookie,
    SessionsRepository,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
})
export class AuthModule {}
