import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../database/database-unavailable';

/** OAuth2 error codes (RFC 6749 §5.2) used by the token endpoint. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_scope'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_client'
  | 'temporarily_unavailable';

/**
 * An error of the Docker token endpoint. Rendered in both shapes clients read: distribution's
 * `{"errors":[{code,message}]}` (docker, containerd) and OAuth2's `{error, error_description}`.
 */
export class TokenError extends Error {
  private constructor(
    readonly status: 400 | 401 | 404 | 429 | 503,
    readonly code: string,
    readonly oauthError: OAuthErrorCode,
    message: string,
    /** Seconds for the `Retry-After` header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'TokenError';
  }

  static invalidRequest(message: string): TokenError {
    return new TokenError(400, 'INVALID_REQUEST', 'invalid_request', message);
  }

  static invalidScope(message: string): TokenError {
    return new TokenError(400, 'INVALID_SCOPE', 'invalid_scope', message);
  }

  static unknownService(service: string): TokenError {
    return new TokenError(
      400,
      'UNKNOWN_SERVICE',
      'invalid_request',
      `service "${service}" is not a registry declared in Portcullis`,
    );
  }

  /** A registry front named a registry Portcullis does not know (docker search through nginx). */
  static unknownRegistry(service: string): TokenError {
    return new TokenError(
      404,
      'NAME_UNKNOWN',
      'invalid_request',
      `registry "${service}" is not declared in Portcullis: provision its front again`,
    );
  }

  static unsupportedGrantType(grantType: string): TokenError {
    return new TokenError(
      400,
      'UNSUPPORTED_GRANT_TYPE',
      'unsupported_grant_type',
      `grant_type "${grantType.slice(0, 40)}" is not supported; use "password" or "refresh_token"`,
    );
  }

  static unauthorized(message = 'authentication failed'): TokenError {
    return new TokenError(401, 'UNAUTHORIZED', 'invalid_grant', message);
  }

  /** Too many failed logins for the account or from the address (distribution's TOOMANYREQUESTS). */
  static tooManyRequests(retryAfterMs: number): TokenError {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return new TokenError(
      429,
      'TOOMANYREQUESTS',
      'temporarily_unavailable',
      `too many failed logins; try again in ${seconds} s`,
      seconds,
    );
  }

  /** The database does not answer and the caches cannot: try again shortly. */
  static unavailable(): TokenError {
    return new TokenError(
      503,
      'UNAVAILABLE',
      'temporarily_unavailable',
      'authentication is temporarily unavailable; try again shortly',
      UNAVAILABLE_RETRY_AFTER_SECONDS,
    );
  }

  get body(): Record<string, unknown> {
    return {
      errors: [{ code: this.code, message: this.message }],
      error: this.oauthError,
      error_description: this.message,
    };
  }
}
