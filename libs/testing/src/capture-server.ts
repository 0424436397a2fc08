import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/** What a captured request carried. */
export interface CapturedRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
}

/** A loopback HTTP server that records every request: an attacker's server, to see what reaches it. */
export interface CaptureServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly requests: CapturedRequest[];
  close(): Promise<void>;
}

export async function startCaptureServer(
  answer: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => {
    response.writeHead(404);
    response.end();
  },
): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const server: Server = createServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
    });
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The header and claims of a JWT, unverified (tests read what a token says). */
export function decodeJwt<Claims = Record<string, unknown>>(
  jwt: string,
): { header: Record<string, unknown>; claims: Claims } {
  const [header, claims] = jwt
    .split('.')
    .slice(0, 2)
    .map((part): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return { header: header as Record<string, unknown>, claims: claims as Claims };
}
