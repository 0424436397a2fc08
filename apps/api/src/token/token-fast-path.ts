import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSignInUnavailable } from '../directory/directory-unavailable';
import type { SelfAuthenticatedRequest } from '../observability/request-log';
import { parseGetTokenRequest, parsePostTokenRequest } from './token-request.parser';
import type { TokenResponseDto } from './token.dto';
import { TokenError } from './token.error';
import type { RequestOrigin, TokenService } from './token.service';

const TOKEN_ROUTES = new Set(['/token', '/auth/token']);
const logger = new Logger('TokenEndpoint');

function originOf(request: FastifyRequest): RequestOrigin {
  return { address: request.ip, userAgent: request.headers['user-agent'] };
}

/**
 * Sends a token endpoint failure in the shapes Docker clients read, with no internals: a
 * TokenError as itself, an unavailable database as a 503 with Retry-After, anything else as a
 * bare 500 whose details go to the server log only.
 */
export function sendTokenError(request: FastifyRequest, reply: FastifyReply, exception: unknown): FastifyReply {
  if (isSignInUnavailable(exception)) exception = TokenError.unavailable();
  if (exception instanceof TokenError) {
    if (exception.status === 401) reply.header('WWW-Authenticate', 'Basic realm="Portcullis"');
    if (exception.retryAfterSeconds !== undefined) reply.header('Retry-After', String(exception.retryAfterSeconds));
    return reply.status(exception.status).header('Cache-Control', 'no-store').send(exception.body);
  }
  logger.error(`Token request ${request.id} failed`, exception instanceof Error ? exception.stack : String(exception));
  return reply.status(500).send({
    errors: [{ code: 'UNKNOWN', message: `internal error (correlation id ${request.id})` }],
    error: 'server_error',
  });
}

/**
 * The token response's JSON, written out by hand: JSON.stringify (Fastify's serializer without a
 * schema, or fast-json-stringify with one) scans the token, twice, for characters to escape, about
 * 3 µs a response (3% of a token's CPU time in the benchmark), where a JWS compact serialization
 * (TokenSigner's: base64url parts joined by dots) has none. The values a client may have chosen
 * (the names in the scope, a refresh token it sent) go through JSON.stringify.
 */
export function tokenResponseJson(response: TokenResponseDto): string {
  let json =
    `{"token":"${response.token}","access_token":"${response.access_token}",` +
    `"expires_in":${response.expires_in},"issued_at":"${response.issued_at}"`;
  if (response.scope !== undefined) json += `,"scope":${JSON.stringify(response.scope)}`;
  if (response.refresh_token !== undefined) json += `,"refresh_token":${JSON.stringify(response.refresh_token)}`;
  return `${json}}`;
}

/** Answers one token request (GET with Basic credentials, or an OAuth2 form POST). */
export async function answerTokenRequest(
  tokens: TokenService,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const origin = originOf(request);
  try {
    const parsed =
      request.method === 'POST'
        ? parsePostTokenRequest({
            query: request.query,
            body: request.body,
            contentType: request.headers['content-type'],
          })
        : parseGetTokenRequest({ query: request.query, authorization: request.headers.authorization });
    const body = await tokens.issue(parsed, origin);
    return await reply
      .status(200)
      .header('Cache-Control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(tokenResponseJson(body));
  } catch (error) {
    return sendTokenError(request, reply, error);
  } finally {
    // The request log's user: a POST's login is in its body, a refresh token's behind it.
    if (origin.actor !== undefined) (request as SelfAuthenticatedRequest).tokenActor = origin.actor;
  }
}

/**
 * Answers the token endpoint from a Fastify preHandler hook, ahead of Nest's guards, interceptors
 * and pipes. Every pull and push asks this endpoint first, often several times, and that
 * per-request machinery cost about a tenth of a token's CPU time in the benchmark, for nothing
 * this public endpoint, which parses its own input, uses. TokenController still declares the
 * routes (they are in the OpenAPI document, and answer if this hook is not installed) and calls
 * the same function; the request log and the metrics see these requests like any other.
 */
export function installTokenFastPath(fastify: FastifyInstance, tokens: TokenService): void {
  fastify.addHook('preHandler', async (request, reply) => {
    if (!TOKEN_ROUTES.has(request.routeOptions.url ?? '') || (request.method !== 'GET' && request.method !== 'POST'))
      return;
    return answerTokenRequest(tokens, request, reply);
  });
}
