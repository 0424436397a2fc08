import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { TokenError } from './token.error';

/**
 * Renders token endpoint failures in the shapes Docker clients read, with no internals: a
 * TokenError as itself, an unavailable database as a 503 with Retry-After, anything else as a bare 500 whose details go to the server log only.
 */
@Catch()
export class TokenExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('TokenEndpoint');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (isDatabaseUnavailable(exception)) exception = TokenError.unavailable();
    if (exception instanceof TokenError) {
      if (exception.status === 401) reply.header('WWW-Authenticate', 'Basic realm="Portcullis"');
      if (exception.retryAfterSeconds !== undefined) reply.header('Retry-After', String(exception.retryAfterSeconds));
      void reply.status(exception.status).header('Cache-Control', 'no-store').send(exception.body);
      return;
    }
    this.logger.error(
      `Token request ${request.id} failed`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    void reply.status(500).send({
      errors: [{ code: 'UNKNOWN', message: `internal error (correlation id ${request.id})` }],
      error: 'server_error',
    });
  }
}
