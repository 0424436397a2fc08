import { Matches } from 'class-validator';

/** Names of groups, apps, services and robots: what fits in a repository path segment. */
export const OBJECT_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

export const IsObjectName = (): PropertyDecorator =>
  Matches(OBJECT_NAME_PATTERN, {
    message: ({ property }) => `${property} must be 1-64 of a-z, 0-9, ".", "_", "-", starting and ending alphanumeric`,
  });

export const IsObjectNameEach = (): PropertyDecorator =>
  Matches(OBJECT_NAME_PATTERN, {
    each: true,
    message: ({ property }) => `each of ${property} must be a name of 1-64 of a-z, 0-9, ".", "_", "-"`,
  });
