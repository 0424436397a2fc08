/** Codes of every error the API reports. The exception filter maps each to an HTTP status. */
export enum ErrorCode {
  BAD_REQUEST = 'BAD_REQUEST',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  USER_NAME_TAKEN = 'USER_NAME_TAKEN',
  GROUP_NOT_FOUND = 'GROUP_NOT_FOUND',
  GROUP_NAME_TAKEN = 'GROUP_NAME_TAKEN',
  APP_NOT_FOUND = 'APP_NOT_FOUND',
  APP_NAME_TAKEN = 'APP_NAME_TAKEN',
  SERVICE_NOT_FOUND = 'SERVICE_NOT_FOUND',
  SERVICE_NAME_TAKEN = 'SERVICE_NAME_TAKEN',
  ROBOT_NOT_FOUND = 'ROBOT_NOT_FOUND',
  ROBOT_NAME_TAKEN = 'ROBOT_NAME_TAKEN',
  ACCESS_TOKEN_NOT_FOUND = 'ACCESS_TOKEN_NOT_FOUND',
  RULE_NOT_FOUND = 'RULE_NOT_FOUND',
  DISCOVERY_BUSY = 'DISCOVERY_BUSY',
  REPOSITORY_NOT_FOUND = 'REPOSITORY_NOT_FOUND',
  TAG_NOT_FOUND = 'TAG_NOT_FOUND',
  TAG_DIGEST_SHARED = 'TAG_DIGEST_SHARED',
  REGISTRY_DELETE_DISABLED = 'REGISTRY_DELETE_DISABLED',
  REGISTRY_UNAVAILABLE = 'REGISTRY_UNAVAILABLE',
  REGISTRY_ENDPOINT_NOT_APPROVED = 'REGISTRY_ENDPOINT_NOT_APPROVED',
  REGISTRY_NOT_FOUND = 'REGISTRY_NOT_FOUND',
  REGISTRY_SERVICE_TAKEN = 'REGISTRY_SERVICE_TAKEN',
  REFRESH_TOKEN_NOT_FOUND = 'REFRESH_TOKEN_NOT_FOUND',
  JOB_NOT_FOUND = 'JOB_NOT_FOUND',
  /** A job whose replica stopped before it finished. */
  JOB_INTERRUPTED = 'JOB_INTERRUPTED',
  /** Too many failed logins for the account or from the address: wait `Retry-After` seconds. */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** The account signs in with a second factor: send its code. */
  TWO_FACTOR_REQUIRED = 'TWO_FACTOR_REQUIRED',
  /** The second factor's code was wrong or already used. */
  TWO_FACTOR_INVALID = 'TWO_FACTOR_INVALID',
  /** Two-factor sign-in is required: this session may only enrol an authenticator. */
  TWO_FACTOR_ENROLMENT_REQUIRED = 'TWO_FACTOR_ENROLMENT_REQUIRED',
  TWO_FACTOR_STATE = 'TWO_FACTOR_STATE',
  /** The database does not answer: try again after `Retry-After` seconds. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/** A coded error thrown by services; never an HttpException. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Seconds for the `Retry-After` header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** 429 with `Retry-After`: `what` failed too often; the wait is rounded up to whole seconds. */
  static tooManyRequests(retryAfterMs: number, what: string): AppError {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return new AppError(ErrorCode.TOO_MANY_REQUESTS, `Too many ${what}; try again in ${seconds} s`, seconds);
  }
}

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BAD_REQUEST:
    case ErrorCode.VALIDATION_FAILED:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.TWO_FACTOR_REQUIRED:
    case ErrorCode.TWO_FACTOR_INVALID:
      return 401;
    case ErrorCode.FORBIDDEN:
    case ErrorCode.TWO_FACTOR_ENROLMENT_REQUIRED:
      return 403;
    case ErrorCode.NOT_FOUND:
    case ErrorCode.USER_NOT_FOUND:
    case ErrorCode.GROUP_NOT_FOUND:
    case ErrorCode.APP_NOT_FOUND:
    case ErrorCode.SERVICE_NOT_FOUND:
    case ErrorCode.ROBOT_NOT_FOUND:
    case ErrorCode.ACCESS_TOKEN_NOT_FOUND:
    case ErrorCode.RULE_NOT_FOUND:
    case ErrorCode.REPOSITORY_NOT_FOUND:
    case ErrorCode.TAG_NOT_FOUND:
    case ErrorCode.REGISTRY_NOT_FOUND:
    case ErrorCode.REFRESH_TOKEN_NOT_FOUND:
    case ErrorCode.JOB_NOT_FOUND:
      return 404;
    case ErrorCode.METHOD_NOT_ALLOWED:
      return 405;
    case ErrorCode.USER_NAME_TAKEN:
    case ErrorCode.GROUP_NAME_TAKEN:
    case ErrorCode.APP_NAME_TAKEN:
    case ErrorCode.SERVICE_NAME_TAKEN:
    case ErrorCode.ROBOT_NAME_TAKEN:
    case ErrorCode.REGISTRY_SERVICE_TAKEN:
    case ErrorCode.DISCOVERY_BUSY:
    case ErrorCode.TAG_DIGEST_SHARED:
    case ErrorCode.REGISTRY_DELETE_DISABLED:
    case ErrorCode.REGISTRY_ENDPOINT_NOT_APPROVED:
    case ErrorCode.TWO_FACTOR_STATE:
      return 409;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case ErrorCode.TOO_MANY_REQUESTS:
      return 429;
    case ErrorCode.SERVICE_UNAVAILABLE:
      return 503;
    case ErrorCode.REGISTRY_UNAVAILABLE:
      return 502;
    case ErrorCode.INTERNAL:
      return 500;
    case ErrorCode.JOB_INTERRUPTED:
      return 503;
  }
}

/** The code an HTTP status maps back to, for errors raised by the framework itself. */
export function codeOfStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return ErrorCode.BAD_REQUEST;
    case 401:
      return ErrorCode.UNAUTHENTICATED;
    case 403:
      return ErrorCode.FORBIDDEN;
    case 404:
      return ErrorCode.NOT_FOUND;
    case 405:
      return ErrorCode.METHOD_NOT_ALLOWED;
    case 413:
      return ErrorCode.PAYLOAD_TOO_LARGE;
    case 415:
      return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
    case 429:
      return ErrorCode.TOO_MANY_REQUESTS;
    default:
      return status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
  }
}
