import type { AccessGrant } from './access-decision';

/** One entry of the token's `access` claim (distribution `token.ResourceActions`). */
export interface AccessClaim {
  type: string;
  class?: string;
  name: string;
  actions: string[];
}

/** The registry token claim set (distribution `token.ClaimSet`, jwt.md). */
export interface RegistryTokenClaims {
  iss: string;
  sub: string;
  /** A single string: distribution 2.8 decodes `aud` into a Go string, an array breaks it. */
  aud: string;
  /** Integers (seconds): distribution decodes them into int64, a fraction breaks it. */
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  access: AccessClaim[];
}

export interface ClaimsInput {
  issuer: string;
  subject: string;
  service: string;
  /** Milliseconds since the epoch. */
  now: number;
  ttlSeconds: number;
  jwtId: string;
  grants: readonly AccessGrant[];
}

/**
 * Builds the claims of a registry token. A denied scope stays in `access` with no actions (as
 * docker_auth does): the registry then refuses the operation itself, with its own challenge. A login
 * (no scope) gets an empty `access` list.
 */
export function buildRegistryClaims(input: ClaimsInput): RegistryTokenClaims {
  const iat = Math.floor(input.now / 1000);
  return {
    iss: input.issuer,
    sub: input.subject,
    aud: input.service,
    exp: iat + Math.trunc(input.ttlSeconds),
    nbf: iat,
    iat,
    jti: input.jwtId,
    access: input.grants.map((grant) => ({
      type: grant.type,
      ...(grant.class === undefined ? {} : { class: grant.class }),
      name: grant.name,
      actions: [...grant.granted],
    })),
  };
}
