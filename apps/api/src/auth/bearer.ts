/** The token of an `Authorization: Bearer <token>` header (RFC 6750 syntax), if that is what it holds. */
export function bearerOf(authorization: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '')?.[1];
}
