/** Seconds a client is told to wait when the directory does not answer. */
export const DIRECTORY_RETRY_AFTER_SECONDS = 5;

/** The LDAP directory did not answer (down, unreachable, too slow, or refusing Portcullis's bind): 503. */
export class DirectoryUnavailable extends Error {
  constructor(cause?: unknown) {
    super('the directory is unavailable', { cause });
    this.name = 'DirectoryUnavailable';
  }
}
