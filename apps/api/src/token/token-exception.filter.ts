import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendTokenError } from './token-fast-path';

/** Renders token endpoint failures the way Docker clients read them (sendTokenError). */
@Catch()
export class TokenExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    void sendTokenError(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), exception);
  }
}
