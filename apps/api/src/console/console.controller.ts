import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../common/app-error';
import { Public } from '../common/auth.decorators';
import { ConsoleFiles } from './console-files';

/** Paths that belong to the server, never to the console's client-side router. */
const SERVER_PATHS = /^\/(api|token|auth|v1|v2|registry|\.well-known)(\/|$)/;

/**
 * Serves the console's `index.html` for its client-side routes (deep links such as
 * `/registries/3`); its files are served by @fastify/static. Unknown server paths stay 404s.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleController {
  constructor(private readonly files: ConsoleFiles) {}

  @Get('*')
  serveConsole(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    const path = request.url.split('?')[0] ?? '/';
    if (!this.files.dir || SERVER_PATHS.test(path) || !(request.headers.accept ?? '').includes('text/html')) {
      throw new AppError(ErrorCode.NOT_FOUND, `Cannot GET ${path}`);
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html', this.files.dir);
  }
}
