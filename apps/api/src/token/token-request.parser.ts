import { ResourceScope, ScopeError, parseScopes } from '@portcullis/domain';
import { TokenError } from './token.error';

/** The longest login name and password a token request may carry. */
export const MAX_USERNAME_LENGTH = 255;
export const MAX_PASSWORD_LENGTH = 4096;

export type TokenCredentials =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'refresh_token'; readonly token: string };

/** A token request, whatever form it arrived in (GET query + Basic, or POST OAuth2 form). */
export interface TokenRequest {
  readonly service: string;
  readonly scopes: readonly ResourceScope[];
  /**
   * The \`scope\` values as sent, joined by spaces: requests with equal keys ask for the same
   * scopes (parseScopes splits every value at spaces).
   */
  readonly scopeKey: string;
  readonly credentials: TokenCredentials;
  /** A refresh token was asked for (`offline_token=true` or `access_type=offline`). */
  readonly offline: boolean;
  readonly clientId: string | undefined;
}

export interface RawTokenRequest {
  readonly query: unknown;
  readonly body?: unknown;
  readonly contentType?: string | undefined;
  readonly authorization?: string | undefined;
}

type Params = Record<string, unknown>;

function asParams(value: unknown): Params {
  return typeof value === 'object' && value !== null && !Buffer.isBuffer(value) ? (value as Params) : {};
}

/** A parameter that may appear at most once. */
function single(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw TokenError.invalidRequest(`"${name}" must appear once`);
  return value;
}

/** A parameter that may repeat (`scope`). */
function repeated(params: Params, name: string): string[] {
  const value = params[name];
  if (value === undefined) return [];
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  if (!values.every((v): v is string => typeof v === 'string')) {
    throw TokenError.invalidRequest(`"${name}" must be text`);
  }
  return values;
}

function required(params: Params, name: string): string {
  const value = single(params, name);
  if (value === undefined || value === '') throw TokenError.invalidRequest(`"${name}" is required`);
  return value;
}

function scopesOf(params: Params): Pick<TokenRequest, 'scopes' | 'scopeKey'> {
  const values = repeated(params, 'scope');
  try {
    return { scopes: parseScopes(values), scopeKey: values.join(' ') };
  } catch (error) {
    if (error instanceof ScopeError) throw TokenError.invalidScope(error.message);
    throw error;
  }
}

function checkLengths(username: string, password: string): void {
  if (username.length > MAX_USERNAME_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw TokenError.invalidRequest('credentials are too long');
  }
  // No account or secret has one, and no database takes it: refused here, for every caller.
  if (username.includes('\0') || password.includes('\0')) {
    throw TokenError.invalidRequest('credentials must not contain NUL characters');
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses `Authorization: Basic …` (RFC 7617). No header, or the empty pair docker search sends
 * (`Basic Og==`), is anonymous. An empty user with a password is a refresh token sent by GET:
 * containerd falls back to GET with `("", identitytoken)` when POST fails.
 */
export function parseBasicAuthorization(header: string | undefined): TokenCredentials {
  if (header === undefined || header === '') return { kind: 'anonymous' };
  const match = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  if (!match?.[1] || match[1].length % 4 !== 0) {
    throw TokenError.invalidRequest('the Authorization header must be "Basic <base64 of user:password>"');
  }
  let decoded: string;
  try {
    decoded = STRICT_UTF8.decode(Buffer.from(match[1], 'base64'));
  } catch {
    throw TokenError.invalidRequest('Basic credentials must be UTF-8');
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) throw TokenError.invalidRequest('Basic credentials must be "user:password"');
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  checkLengths(username, password);
  if (username === '' && password === '') return { kind: 'anonymous' };
  if (username === '') return { kind: 'refresh_token', token: password };
  if (password === '') throw TokenError.unauthorized('a password is required');
  return { kind: 'password', username, password };
}

/** `GET <realm>?service=…&scope=…&account=…&offline_token=…&client_id=…` with optional Basic auth. */
export function parseGetTokenRequest(raw: RawTokenRequest): TokenRequest {
  const query = asParams(raw.query);
  const service = required(query, 'service');
  const credentials = parseBasicAuthorization(raw.authorization);
  const account = single(query, 'account');
  // docker and containers/image send `account` = the Basic user; a different one is a forgery.
  if (
    account !== undefined &&
    account !== '' &&
    (credentials.kind !== 'password' || credentials.username !== account)
  ) {
    throw TokenError.invalidRequest('"account" does not match the authenticated user');
  }
  return {
    service,
    ...scopesOf(query),
    credentials,
    offline: single(query, 'offline_token')?.toLowerCase() === 'true',
    clientId: single(query, 'client_id'),
  };
}

/** `POST <realm>` with an OAuth2 form (`grant_type=password|refresh_token`), oauth.md. */
export function parsePostTokenRequest(raw: RawTokenRequest): TokenRequest {
  const mediaType = (raw.contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    throw TokenError.invalidRequest('the body must be application/x-www-form-urlencoded');
  }
  const form = asParams(raw.body);
  const grantType = required(form, 'grant_type');
  const service = required(form, 'service');
  let credentials: TokenCredentials;
  switch (grantType) {
    case 'password': {
      const username = required(form, 'username');
      const password = required(form, 'password');
      checkLengths(username, password);
      credentials = { kind: 'password', username, password };
      break;
    }
    case 'refresh_token': {
      const token = required(form, 'refresh_token');
      checkLengths('', token);
      credentials = { kind: 'refresh_token', token };
      break;
    }
    default:
      throw TokenError.unsupportedGrantType(grantType);
  }
  return {
    service,
    ...scopesOf(form),
    credentials,
    offline: single(form, 'access_type') === 'offline',
    clientId: single(form, 'client_id'),
  };
}
