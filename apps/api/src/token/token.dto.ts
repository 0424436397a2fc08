/** The token endpoint's answer (token.md "Token Response Fields", oauth.md). */
export class TokenResponseDto {
  /** The registry bearer token (a JWT). */
  token!: string;
  /** The same token, under the OAuth2 name. */
  access_token!: string;
  /** Seconds the token stays valid: an integer, as Go clients decode it into `int`. */
  expires_in!: number;
  /** RFC 3339 issue time. */
  issued_at!: string;
  /** Sent only when asked for (`offline_token=true`, `access_type=offline`). */
  refresh_token?: string;
  /**
   * The access granted, space-separated in the scope grammar (`repository:team/app:pull,push`),
   * as OAuth2 answers it; absent when nothing was granted.
   */
  scope?: string;
}

/** Form fields of `POST /token` (oauth.md). */
export class TokenFormDto {
  /** `password` or `refresh_token`. */
  grant_type!: string;
  /** The registry's service name. */
  service!: string;
  /** Free text naming the client, for auditing. */
  client_id?: string;
  /** `offline` asks for a refresh token. */
  access_type?: string;
  /** Space-separated resource scopes; the field may also repeat. */
  scope?: string;
  username?: string;
  password?: string;
  refresh_token?: string;
}

/** A published token key (RFC 7517), `kid` being its libtrust key id. */
export class JwkDto {
  /** libtrust key id, as tokens carry it in their `kid`. */
  kid!: string;
  /** `ES256` or `RS256`. */
  alg!: string;
  use!: string;
  /** `EC` or `RSA`. */
  kty!: string;
  /** EC curve, e.g. `P-256`. */
  crv?: string;
  x?: string;
  y?: string;
  /** RSA modulus. */
  n?: string;
  /** RSA exponent. */
  e?: string;
  /** The key's certificate (base64 DER). */
  x5c!: string[];
}

/** The token keys: the first signs, the others stay published for tokens they signed. */
export class JwksDto {
  keys!: JwkDto[];
}
