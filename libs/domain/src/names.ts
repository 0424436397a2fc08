/** Names of users, groups, apps, services and robots: what fits in a repository path segment. */
export const OBJECT_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

/** A registry's `auth.token.service`: what clients send as the token request's `service`. */
export const SERVICE_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,253}[A-Za-z0-9])?$/;
