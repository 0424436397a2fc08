import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** What the test provider says about an account: its claims, `sub` included. */
export type OidcAccountClaims = Record<string, unknown> & { sub: string };

export interface OidcProviderServer {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Sets (or replaces) what the provider says about the account that signs in as `login`. */
  setAccount(login: string, claims: OidcAccountClaims): void;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (npm `oidc-provider`) in this process, on a loopback port: one
 * confidential client for `redirectUri`, the library's own sign-in and consent pages (any
 * password: the login picks the account), and ID tokens carrying the scopes' claims, `groups`
 * included.
 */
export async function startOidcProvider(redirectUri: string): Promise<OidcProviderServer> {
  const accounts = new Map<string, OidcAccountClaims>();
  const clientId = 'portcullis';
  const clientSecret = randomBytes(24).toString('base64url');
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'groups'], email: ['email'] },
    // The scopes' claims in the ID token itself, as providers such as Keycloak and Entra ID do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, id: string) => {
      const claims = accounts.get(id);
      return claims === undefined ? undefined : { accountId: id, claims: () => claims };
    },
  });
  const handle = provider.callback();
  server.on('request', (request, response) => void handle(request, response));
  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (login, claims) => accounts.set(login, claims),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
