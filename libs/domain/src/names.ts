/** Names of users, groups, apps, services and robots: what fits in a repository path segment. */
export const OBJECT_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

/**
 * Names of users, groups and apps, which repository paths address by id or by name
 * (`users/<id or name>/…`): never all digits, which would be another object's id.
 */
export const ADDRESSABLE_NAME_PATTERN = /^(?![0-9]+$)[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

/** Whether a user, group or app may be given this name (ADDRESSABLE_NAME_PATTERN). */
export function isAddressableName(name: string): boolean {
  return ADDRESSABLE_NAME_PATTERN.test(name);
}

/** A registry's `auth.token.service`: what clients send as the token request's `service`. */
export const SERVICE_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,253}[A-Za-z0-9])?$/;

/**
 * The Portcullis name of an account or group named elsewhere (a directory, an OpenID provider):
 * lower-cased, each run of other characters a single `-`, no separator at either end. Undefined when
 * nothing is left, the result is longer than a name may be, or it is all digits (an id). `Domain Users` → `domain-users`,
 * `Alice.Smith` → `alice.smith`.
 */
export function objectNameOf(external: string): string | undefined {
  const name = external
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '');
  return isAddressableName(name) ? name : undefined;
}
