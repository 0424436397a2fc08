/** Names of users, groups, apps, services and robots: what fits in a repository path segment. */
export const OBJECT_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

/** A registry's `auth.token.service`: what clients send as the token request's `service`. */
export const SERVICE_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,253}[A-Za-z0-9])?$/;

/**
 * The Portcullis name of an account or group named elsewhere (a directory, an OpenID provider):
 * lower-cased, each run of other characters a single `-`, no separator at either end. Undefined when
 * nothing is left or the result is longer than a name may be. `Domain Users` → `domain-users`,
 * `Alice.Smith` → `alice.smith`.
 */
export function objectNameOf(external: string): string | undefined {
  const name = external
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '');
  return OBJECT_NAME_PATTERN.test(name) ? name : undefined;
}
