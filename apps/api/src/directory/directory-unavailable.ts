import { isDatabaseUnavailable } from '../database/database-unavailable';

/** Seconds a client is told to wait when the directory does not answer. */
export const DIRECTORY_RETRY_AFTER_SECONDS = 5;

/** The LDAP directory did not answer (down, unreachable, too slow, or refusing Portcullis's bind): 503. */
export class DirectoryUnavailable extends Error {
  constructor(cause?: unknown) {
    super('the directory is unavailable', { cause });
    this.name = 'DirectoryUnavailable';
  }
}

/**
 * Whether a sign-in failed because what it needs (the database, the directory) did not answer,
 * rather than because of its credentials: cached logins may answer, and clients are told 503.
 */
export function isSignInUnavailable(error: unknown): boolean {
  return error instanceof DirectoryUnavailable || isDatabaseUnavailable(error);
}
