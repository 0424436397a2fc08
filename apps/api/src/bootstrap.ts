import fastifyStatic from '@fastify/static';
import { ConsoleLogger, LogLevel, Logger, UnsupportedMediaTypeException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { parse as parseQueryString } from 'node:querystring';
import type { Server as TlsServer } from 'node:tls';
import { AppModule } from './app.module';
import { AccessGeneration } from './cluster/access-generation';
import { AppError, ErrorCode } from './common/app-error';
import { containsUnacceptableText, isApiRequest, isMachineRequest, urlHasNul } from './common/edge';
import { readTlsFiles, reloadTlsOnChange } from './common/tls-files';
import { strictValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { ConsoleFiles } from './console/console-files';
import { databaseUnavailable, errorBodyOf, retryAfterOf, sendError } from './errors/api-exception.filter';
import { ProbesService } from './observability/probes.service';
import { installRequestLogs } from './observability/request-log';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * The console's Content-Security-Policy (and the API's: JSON only ever needs `default-src 'none'`,
 * but one policy keeps the Swagger UI at /api/docs working). Styles may be inline: Angular and its
 * Material components add `<style>` elements at run time; scripts may not.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};
const BODY_LIMIT = 1024 * 1024;

export function buildOpenApiDocument(app: NestFastifyApplication) {
  const config = new DocumentBuilder()
    .setTitle('Portcullis')
    .setDescription('Access control, discovery and search for private Docker registries.')
    .setVersion('1')
    .addBearerAuth()
    .addBasicAuth()
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
}

/** Creates the Portcullis application (not yet listening). `main.ts` and the tests share it. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = new ConsoleLogger('Portcullis', {
    logLevels: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
    timestamp: true,
    json: config.logFormat === 'json',
  });
  // HTTPS when TLS_CERT_FILE and TLS_KEY_FILE are set, with the files read again when they change.
  const tls = config.tls === undefined ? undefined : readTlsFiles(config.tls);
  const adapter = new FastifyAdapter({
    ...(tls === undefined ? {} : { https: tls }),
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    // Client errors are answered, not logged; requests are never logged with their headers.
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger,
    bufferLogs: true,
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  if (config.tls !== undefined && tls !== undefined) {
    const stopWatching = reloadTlsOnChange(app.getHttpServer() as unknown as TlsServer, config.tls, logger, tls);
    fastify.addHook('onClose', (_instance, done) => {
      stopWatching();
      done();
    });
  }
  installRequestLogs(fastify, { json: config.logFormat === 'json', accessLogFile: config.accessLogFile });
  // The API refuses a URL with a NUL in it (no route takes one); while the database is known to be
  // down, API calls answer 503 at once instead of waiting for it.
  const generation = app.get(AccessGeneration);
  const nulInUrl = new AppError(ErrorCode.VALIDATION_FAILED, 'The URL must not contain NUL characters (%00)');
  fastify.addHook('onRequest', async (request, reply) => {
    if (!isApiRequest(request.url)) return;
    if (urlHasNul(request.url)) {
      await sendError(reply, errorBodyOf(nulInUrl, request.id)!);
      return;
    }
    if (generation.databaseReachable) return;
    const unavailable = databaseUnavailable();
    await sendError(reply, errorBodyOf(unavailable, request.id)!, retryAfterOf(unavailable));
  });
  // Body parsers, registered here rather than by Nest: JSON with Fastify's prototype-poisoning
  // checks, where an empty body (a DELETE sent with a JSON content type) is no body at all; forms
  // (the OAuth2 token request) with node:querystring, whose objects have no prototype.
  const json = fastify.getDefaultJsonParser('error', 'error');
  const nulInBody = new AppError(
    ErrorCode.VALIDATION_FAILED,
    'The body must not contain NUL characters (\\u0000) or unpaired surrogates (\\ud800)',
  );
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (request, body, done) => {
      if (body === '') return done(null, undefined);
      void json(request, body as string, (error, parsed) => {
        if (error) done(error);
        else if (containsUnacceptableText(parsed)) done(nulInBody);
        else done(null, parsed);
      });
    },
  );
  const onlyJsonForApi = new UnsupportedMediaTypeException('The body must be application/json');
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (request, body, done) => {
      if (isApiRequest(request.url)) done(onlyJsonForApi);
      else done(null, parseQueryString(body as string));
    },
  );
  // Any other body reaches the route as bytes, so /token can answer a wrong content type in
  // Docker's error shape, and the API with a 415 in its own.
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (request, body, done) => {
    if (isApiRequest(request.url)) done(onlyJsonForApi);
    else done(null, body);
  });
  app.useGlobalPipes(strictValidationPipe({ transform: true, forbidUnknownValues: true }));

  // Built at the first read of the docs, not at start-up: a token server that nobody browses the
  // docs of neither waits for nor keeps the document (tens of milliseconds, a few megabytes).
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
  });

  // Security headers (helmet) on what browsers read, the console and the API: a Content-Security-
  // Policy that runs scripts of this origin only and lets no page frame the console, no MIME
  // sniffing, no referrer to other origins. Not on the token endpoint and docker search, which
  // machines call by the thousand and never render: there the dozen headers cost throughput.
  const securityHeaders = helmet({
    // Only these directives: no upgrade-insecure-requests, which would break a console served over
    // plain HTTP inside a network.
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'same-origin' },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (isMachineRequest(request.url)) done();
    else securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });

  const consoleDir = app.get(ConsoleFiles).dir;
  if (consoleDir) {
    // The build wrote .br and .gz copies: sent to browsers that accept them, no compression at run time.
    // A route per file the console has (not one wildcard: unknown paths stay the API's 404s and the
    // console's deep links), but none for the copies: preCompressed finds them beside the file, and
    // two thirds fewer routes are two thirds less of the router's work at start-up.
    await app.register(fastifyStatic, {
      root: consoleDir,
      prefix: '/',
      wildcard: false,
      globIgnore: ['**/*.br', '**/*.gz'],
      index: ['index.html'],
      preCompressed: true,
    });
  } else {
    logger.warn('The console is not built (npm run build:console); only the API is served');
  }
  // A stopping replica closes each connection after its answer, so keep-alive clients and load
  // balancers open their next one to a replica that stays.
  const probes = app.get(ProbesService);
  fastify.addHook('onSend', (_request, reply, _payload, done) => {
    if (probes.isStopping) void reply.header('Connection', 'close');
    done();
  });
  return app;
}

/**
 * SIGTERM and SIGINT as orchestrators expect them: readiness turns 503 at once while the replica
 * keeps answering for SHUTDOWN_DELAY (load balancers take it out of rotation meanwhile; not after
 * SIGINT, a person's Ctrl-C); then it
 * stops accepting connections, lets the requests in flight finish, and only then runs the modules'
 * shutdown (the audit log's buffer is written, connections closed), exiting 0. Past
 * SHUTDOWN_TIMEOUT it exits 1 whatever is left. (Nest's own shutdown hooks would close the database
 * before the requests in flight end.)
 */
export function stopGracefullyOnSignals(app: NestFastifyApplication, config: AppConfig): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.get(ProbesService).drain();
    // Ctrl-C (SIGINT) is a person at a terminal: no load balancer to wait for.
    const delayMs = signal === 'SIGTERM' ? config.shutdown.delayMs : 0;
    logger.log(`${signal}: not ready any more; answering ${delayMs / 1000} s more, then finishing what is in flight`);
    setTimeout(() => {
      logger.error(`Still stopping after SHUTDOWN_DELAY + SHUTDOWN_TIMEOUT: exiting now`);
      process.exit(1);
    }, delayMs + config.shutdown.timeoutMs).unref();
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await app.getHttpAdapter().close();
    await app.close();
    logger.log('Stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // A second signal while stopping changes nothing (the first one's deadline still holds).
    process.on(signal, (received) => {
      stop(received).catch((error: unknown) => {
        logger.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      });
    });
  }
}
