/** The one error shape of the REST API. */
export class ErrorResponseDto {
  /** HTTP status. */
  statusCode!: number;
  /** Stable machine-readable code, e.g. `REGISTRY_NOT_FOUND`. */
  code!: string;
  /** What went wrong, for people. */
  message!: string;
  /** Quote it when reporting a problem: it finds the request in the server log. */
  correlationId!: string;
}
