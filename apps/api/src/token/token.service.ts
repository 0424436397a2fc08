import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, Identity, buildRegistryClaims, decideAccess, subjectOf } from '@portcullis/domain';
import { CredentialsService } from '../access/credentials.service';
import { RefreshTokensService } from '../access/refresh-tokens/refresh-tokens.service';
import { AppConfig } from '../config/app-config';
import { RegistriesRepository } from '../registries/registries.repository';
import { TokenCredentials, TokenRequest } from './token-request.parser';
import { TokenSigner } from './token-signer';
import { TokenResponseDto } from './token.dto';
import { TokenError } from './token.error';

/** Issues registry tokens (token.md, oauth.md): authenticate, decide, sign. */
@Injectable()
export class TokenService {
  constructor(
    private readonly registries: RegistriesRepository,
    private readonly credentials: CredentialsService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly signer: TokenSigner,
    private readonly config: AppConfig,
  ) {}

  async issue(request: TokenRequest): Promise<TokenResponseDto> {
    const registry = await this.registries.findByService(request.service);
    if (!registry) throw TokenError.unknownService(request.service);

    const identity = await this.authenticate(request.credentials, request.service);
    const grants = decideAccess(identity, registry, request.scopes);
    const now = Date.now();
    const claims = buildRegistryClaims({
      issuer: this.config.token.issuer,
      subject: subjectOf(identity),
      service: registry.service,
      now,
      ttlSeconds: this.config.token.ttlSeconds,
      jwtId: randomUUID(),
      grants,
    });
    const token = this.signer.sign(claims);
    const response: TokenResponseDto = {
      // Both names, identical: docker, containerd and crane read access_token, containers/image token.
      token,
      access_token: token,
      expires_in: this.config.token.ttlSeconds,
      issued_at: new Date(claims.iat * 1000).toISOString(),
    };
    if (request.credentials.kind === 'refresh_token') {
      // oauth.md: a refresh_token grant returns the same refresh token.
      response.refresh_token = request.credentials.token;
    } else if (request.offline && identity.kind === 'user') {
      response.refresh_token = await this.refreshTokens.issue(identity, registry.service, request.clientId);
    }
    return response;
  }

  private async authenticate(credentials: TokenCredentials, service: string): Promise<Identity> {
    switch (credentials.kind) {
      case 'anonymous':
        return ANONYMOUS;
      case 'password': {
        const identity = await this.credentials.authenticate(credentials.username, credentials.password);
        if (!identity) throw TokenError.unauthorized('wrong user name or password');
        return identity;
      }
      case 'refresh_token': {
        const identity = await this.refreshTokens.redeem(credentials.token, service);
        if (!identity) throw TokenError.unauthorized('the refresh token is unknown, revoked or for another service');
        return identity;
      }
    }
  }
}
