import { ExecutionContext, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ErrorResponseDto } from './error-response.dto';

export const IS_PUBLIC = 'portcullis:public';
export const REQUIRES_ADMIN = 'portcullis:admin';
export const DURING_ENROLMENT = 'portcullis:during-enrolment';

/** Opts a route out of the global API authentication (it authenticates, or not, on its own). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * Requires a signed-in caller (a session or personal token), and an admin when `admin` is set.
 * Carries the guard metadata and the route's OpenAPI security together.
 */
export function Authenticated(options: { admin?: boolean } = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid bearer token', type: ErrorResponseDto }),
    options.admin ? AdminOnly() : SetMetadata(REQUIRES_ADMIN, false),
  );
}

/**
 * A route a session may use while two-factor sign-in is required of it and not yet set up (its
 * only way forward is to enrol); every other route refuses such a session.
 */
export const DuringEnrolment = (): MethodDecorator & ClassDecorator => SetMetadata(DURING_ENROLMENT, true);

export const TOKEN_SCOPE = 'portcullis:token-scope';

/**
 * How far a route lets a personal access token reach, checked by the guard for every route (a
 * token is never wider than its scopes: registries, read-only, expiry). A route that declares
 * nothing is `credentials`: deny by default.
 * - `any`: any token within its other limits (its own view, or results filtered by pull permission,
 *   which already honours the token's registries);
 * - `global`: concerns no one registry (users, groups, apps, rules): not a registry-limited token;
 * - `credentials`: creates, rotates, reads or widens a credential: not a limited token
 *   (read-only, registry-limited or expiring), whose product would outreach or outlive it;
 * - `person`: a person signed in to the console, never a token;
 * - `{ registry: param }`: the registry whose id is in the route parameter `param` must be one
 *   of a registry-limited token's;
 * - `{ ownToken: param }`: a limited token may act on itself only (the token id in `param`).
 * Read-only tokens call GET and HEAD only, whatever the scope.
 */
export type TokenScopeKind =
  'any' | 'global' | 'credentials' | 'person' | { readonly registry: string } | { readonly ownToken: string };

export const TokenScope = (scope: TokenScopeKind): MethodDecorator & ClassDecorator => SetMetadata(TOKEN_SCOPE, scope);

/** On a route of an `@Authenticated()` controller: admins only. */
export function AdminOnly(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRES_ADMIN, true),
    ApiForbiddenResponse({ description: 'Not an admin', type: ErrorResponseDto }),
  );
}

export interface AuthenticatedRequest {
  principal?: UserIdentity;
}

/** The authenticated caller of the route. */
export const Principal = createParamDecorator((_: unknown, context: ExecutionContext): UserIdentity => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('Principal used on a route without authentication');
  return principal;
});
