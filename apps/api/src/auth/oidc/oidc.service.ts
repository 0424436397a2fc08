import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { readFileSync } from 'node:fs';
import type * as OpenIdClient from 'openid-client';
import { loadLater } from '../../common/load-later';
import { AppConfig, type OidcConfig } from '../../config/app-config';
import { isActive } from '../../identity/credentials/credentials.service';
import { ExternalAccountsService } from '../../identity/external-accounts/external-accounts.service';
import type { UserRow } from '../../identity/users/users.repository';
import { accountOfClaims } from './oidc-claims';

/** openid-client, loaded at the first sign-in with the provider: about 30 ms of start-up otherwise. */
const openIdClient = loadLater(() => import('openid-client'));

/** The audience of the signed cookie that carries a sign-in's state between start and callback. */
const FLOW_AUDIENCE = 'portcullis-oidc-flow';
/** Seconds a user has at the provider to sign in. */
export const FLOW_TTL_SECONDS = 600;
/** Seconds Portcullis waits for the provider (discovery, token, keys). */
const PROVIDER_TIMEOUT_SECONDS = 10;

interface FlowClaims {
  state: string;
  nonce: string;
  verifier: string;
  returnUrl: string;
}

/** A path of the console to go back to after signing in: never another site. */
export function safeReturnUrl(value: string | undefined): string {
  return value !== undefined && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && value.length <= 2000 ? value : '/';
}

/**
 * Console sign-in through an OpenID Connect provider (openid-client): the authorization code flow
 * with PKCE (S256), `state` and `nonce`, the provider found from its issuer's discovery document.
 * What a sign-in must remember between the redirect and the callback (state, nonce, PKCE verifier,
 * where to go back) travels in a short-lived signed cookie bound to the browser that started it, so
 * any replica can finish it. The ID token's claims give the user (created at its first sign-in,
 * kept by its `sub`), its e-mail and groups.
 */
/**
 * Why an OpenID Connect sign-in failed: `failure` for the audit log (it may name accounts), `code`
 * for the person at the browser (the sign-in page turns it into a sentence of its own).
 */
export interface OidcFailure {
  readonly failure: string;
  readonly code: 'expired' | 'denied' | 'failed';
  readonly user?: string;
  readonly returnUrl: string;
}

@Injectable()
export class OidcService {
  private readonly logger = new Logger('OpenIdConnect');
  private readonly config: OidcConfig | undefined;
  private discovered: Promise<OpenIdClient.Configuration> | undefined;

  constructor(
    config: AppConfig,
    private readonly jwt: JwtService,
    private readonly accounts: ExternalAccountsService,
  ) {
    this.config = config.oidc;
  }

  /** The provider's label when OpenID Connect sign-in is configured. */
  get label(): string | undefined {
    return this.config?.label;
  }

  /** Where to send the browser, and the cookie that remembers this sign-in. */
  async start(returnUrl: string | undefined): Promise<{ location: string; flow: string }> {
    const config = this.required();
    const provider = await this.provider(config);
    const client = await openIdClient();
    const flow: FlowClaims = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnUrl: safeReturnUrl(returnUrl),
    };
    const location = client.buildAuthorizationUrl(provider, {
      redirect_uri: config.redirectUri,
      scope: config.scopes,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    const signed = await this.jwt.signAsync(flow, { audience: FLOW_AUDIENCE, expiresIn: FLOW_TTL_SECONDS });
    return { location: location.href, flow: signed };
  }

  /**
   * Completes a sign-in at the callback: checks the state against the browser's cookie, trades
   * the code (with the PKCE verifier) for tokens, checks the ID token and its nonce, and brings the
   * user up to date. The failure is for the audit log and the sign-in page.
   */
  async finish(
    callbackUrl: URL,
    flowCookie: string | undefined,
  ): Promise<{ row: UserRow; returnUrl: string } | OidcFailure> {
    const config = this.required();
    const flow = flowCookie === undefined ? undefined : await this.flowOf(flowCookie);
    if (flow === undefined) {
      return { failure: 'the sign-in expired or began in another browser', code: 'expired', returnUrl: '/' };
    }
    const providerError = callbackUrl.searchParams.get('error');
    if (providerError !== null) {
      return {
        failure: `the provider refused: ${providerError.slice(0, 100)}`,
        code: 'denied',
        returnUrl: flow.returnUrl,
      };
    }
    let claims: Record<string, unknown> | undefined;
    try {
      const client = await openIdClient();
      const tokens = await client.authorizationCodeGrant(await this.provider(config), callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      this.logger.warn(`An OpenID Connect sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
      return { failure: 'the provider did not confirm the sign-in', code: 'failed', returnUrl: flow.returnUrl };
    }
    const account =
      claims === undefined ? { failure: 'the provider sent no ID token' } : accountOfClaims(claims, config);
    if ('failure' in account) return { failure: account.failure, code: 'failed', returnUrl: flow.returnUrl };
    const applied = await this.accounts.apply('oidc', account, true);
    if ('conflict' in applied) {
      return { failure: applied.conflict, code: 'failed', user: account.name, returnUrl: flow.returnUrl };
    }
    if (!isActive(applied.row)) {
      const failure = `user ${applied.row.name} is disabled`;
      return { failure, code: 'failed', user: applied.row.name, returnUrl: flow.returnUrl };
    }
    return { row: applied.row, returnUrl: flow.returnUrl };
  }

  private required(): OidcConfig {
    if (this.config === undefined) throw new Error('OpenID Connect sign-in is not configured');
    return this.config;
  }

  private async flowOf(cookie: string): Promise<FlowClaims | undefined> {
    try {
      return await this.jwt.verifyAsync<FlowClaims>(cookie, { audience: FLOW_AUDIENCE });
    } catch {
      return undefined;
    }
  }

  /** The provider's configuration, discovered once (again after a failure). */
  private provider(config: OidcConfig): Promise<OpenIdClient.Configuration> {
    this.discovered ??= openIdClient()
      .then((client) =>
        client.discovery(config.issuer, config.clientId, this.clientSecret(config), undefined, {
          timeout: PROVIDER_TIMEOUT_SECONDS,
          ...(config.issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
        }),
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw error;
      });
    return this.discovered;
  }

  private clientSecret(config: OidcConfig): string | undefined {
    return config.clientSecretFile === undefined
      ? config.clientSecret
      : readFileSync(config.clientSecretFile, 'utf8').replace(/\r?\n$/, '');
  }
}
