import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import type { AuthenticatedRequest } from '../common/auth.decorators';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Query parameters whose values never reach a log. */
const SECRET_PARAMETER = /pass|secret|token|key|cursor/i;

// eslint-disable-next-line no-control-regex -- escaping control characters is the point
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f]/g;

/** `[23/Nov/2026:21:07:05 +0000]`, Apache's `%t` (in UTC). */
export function apacheTime(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `[${pad(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:` +
    `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000]`
  );
}

/** A value inside an Apache log's quotes: `"` and `\` escaped, control characters as \xNN. */
function quoted(value: string): string {
  return value
    .replace(/["\\]/g, (c) => `\\${c}`)
    .replace(CONTROL_CHARACTERS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The URL with the values of secret-looking query parameters replaced. */
export function redactedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=')[0] ?? '';
      return SECRET_PARAMETER.test(decodeURIComponent(name)) ? `${name}=REDACTED` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/** What a route that authenticates by itself (the token endpoint) notes for the log: who asked. */
export interface SelfAuthenticatedRequest {
  tokenActor?: string;
}

/** A login name a log line may carry: printable ASCII, no spaces, not too long. */
const LOGGABLE_LOGIN = /^[\x21-\x7e]{1,300}$/;

/**
 * Who asked, as far as a log may say: the signed-in API caller, the login the token endpoint
 * authenticated (or was refused), or the user name of a Basic `Authorization`; never a password.
 * `-` for nobody.
 */
export function requesterOf(request: FastifyRequest & AuthenticatedRequest & SelfAuthenticatedRequest): string {
  if (request.principal) return request.principal.name;
  // The token endpoint's login, as it authenticated it (a POST's is in its body).
  if (request.tokenActor !== undefined && LOGGABLE_LOGIN.test(request.tokenActor)) return request.tokenActor;
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const user = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
    if (LOGGABLE_LOGIN.test(user)) return user;
  }
  return '-';
}

/** One line in Apache's combined format, which fail2ban and log tools read. */
export function combinedLine(request: FastifyRequest & AuthenticatedRequest, reply: FastifyReply, at: Date): string {
  const length = reply.getHeader('content-length');
  const bytes = length === undefined || length === '0' ? '-' : String(length);
  const header = (name: string) => {
    const value = request.headers[name];
    return quoted(typeof value === 'string' ? value.slice(0, 1000) : '-');
  };
  return (
    `${request.ip} - ${requesterOf(request)} ${apacheTime(at)} ` +
    `"${quoted(`${request.method} ${redactedUrl(request.url)} HTTP/${request.raw.httpVersion}`)}" ` +
    `${reply.statusCode} ${bytes} "${header('referer')}" "${header('user-agent')}"\n`
  );
}

/**
 * Request logs: a JSON line per request on standard output (LOG_FORMAT=json, with its request
 * id), and Apache's combined format in ACCESS_LOG_FILE for fail2ban. Written after the answer.
 */
export function installRequestLogs(fastify: FastifyInstance, options: { json: boolean; accessLogFile?: string }): void {
  const file =
    options.accessLogFile === undefined ? undefined : createWriteStream(options.accessLogFile, { flags: 'a' });
  if (file) fastify.addHook('onClose', (_instance, done) => file.end(done));
  if (!options.json && !file) return;
  fastify.addHook('onResponse', (request: FastifyRequest & AuthenticatedRequest, reply, done) => {
    const at = new Date();
    if (file) file.write(combinedLine(request, reply, at));
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({
          time: at.toISOString(),
          level: 'log',
          context: 'Http',
          message: `${request.method} ${redactedUrl(request.url).split('?')[0]} ${reply.statusCode}`,
          reqId: request.id,
          method: request.method,
          url: redactedUrl(request.url),
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          ip: request.ip,
          user: requesterOf(request),
        })}\n`,
      );
    }
    done();
  });
}
