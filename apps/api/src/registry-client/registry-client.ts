import type { Dispatcher } from 'undici';
import type { OutboundAddressFilter } from './outbound';
import { undici } from './undici';

/** The four manifest media types, all sent in Accept so 2.8 never rewrites to schema1. */
export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
] as const;

export const INDEX_MEDIA_TYPES: readonly string[] = [MANIFEST_MEDIA_TYPES[1], MANIFEST_MEDIA_TYPES[3]];

const MAX_REDIRECTS = 5;
const MAX_JSON_BYTES = 8 * 1024 * 1024;
/**
 * Catalog pages of distribution's `catalog.maxentries` default: its filesystem storage walks the
 * repositories from the first to fill each page, so a crawl of n repositories costs n²/page
 * directory reads (20,000 at 100 a page: minutes of the registry's time).
 */
const CATALOG_PAGE = 1000;
const MAX_PAGES = 100_000;
/** More tags than this in one repository is not a registry to crawl tag by tag. */
const MAX_TAGS = 50_000;

export type RegistryErrorKind =
  'unreachable' | 'unauthorized' | 'not_found' | 'delete_disabled' | 'bad_response' | 'not_approved';

/**
 * A registry that could not be reached or answered something unusable. The message is for the
 * registry's managers: a status and a short reason, never the text the registry answered.
 */
export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** What one request to the registry needs its token to grant. */
export type TokenAccess = { type: 'repository' | 'registry'; name: string; actions: string[] }[];

/** Signs a token for one request; the client asks Portcullis's own signer for it. */
export type TokenFor = (access: TokenAccess) => string;

export interface RegistryTarget {
  readonly url: string;
  readonly insecure: boolean;
}

export interface RegistryClientOptions {
  readonly timeoutMs: number;
  /** The networks the client never connects to. */
  readonly addresses: OutboundAddressFilter;
  /**
   * The registry's discovery key: its provisioned front then lets the catalog through to the
   * registry instead of answering with Portcullis's filtered one.
   */
  readonly discoveryKey?: string;
}

/** At most this much of what a registry or the network said goes into an error message. */
const MAX_REASON = 200;

/**
 * A reason fit to show the registry's managers: printable characters only, short. Only the error
 * `code` of a registry's JSON error body is kept (`UNAUTHORIZED`, `NAME_UNKNOWN`), never its text.
 */
export function sanitisedReason(text: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return printable.length > MAX_REASON ? `${printable.slice(0, MAX_REASON)}…` : printable;
}

/** The first error code of a distribution error body (`{"errors":[{"code":"…"}]}`), if well-formed. */
function errorCodeOf(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { errors?: { code?: unknown }[] }).errors?.[0]?.code;
    return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

export interface ManifestHead {
  readonly digest: string;
  readonly mediaType: string;
  readonly size: number;
}

export interface Manifest extends ManifestHead {
  readonly body: Record<string, unknown>;
}

/** The path of the next page a `Link: <…>; rel="next"` header names, relative to the registry's base. */
function nextPath(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return /<([^>]+)>\s*;\s*rel="?next"?/.exec(value ?? '')?.[1]?.replace(/^\//, '');
}

/** A media type without its parameters; `fallback` where the header is missing. */
function mediaTypeOf(header: unknown, fallback = ''): string {
  return (typeof header === 'string' ? header : fallback).split(';')[0]!.trim();
}

/**
 * The registry's HTTP API as discovery and tag deletion need it (distribution 2.8 and 3.x): the
 * catalog and tag lists with `n`/`last`/`Link` paging, manifests, config blobs, manifest deletion.
 * Each request carries a token Portcullis signs for itself for that request's repository and actions
 * alone; it goes to the registry's own origin only (a redirect elsewhere is refused) and
 * never to a network OUTBOUND_DENY names. Answers are size-limited and parsed defensively, so a
 * broken registry yields a RegistryError, never a crash.
 */
export class RegistryClient {
  /** Made at the first request (undici is loaded then, not at start-up). */
  private dispatcher: Promise<Dispatcher> | undefined;
  private readonly base: URL;
  private readonly catalogHeaders: Record<string, string>;
  private readonly insecure: boolean;

  constructor(
    target: RegistryTarget,
    private readonly tokenFor: TokenFor,
    private readonly options: RegistryClientOptions,
  ) {
    this.base = new URL(target.url.endsWith('/') ? target.url : `${target.url}/`);
    this.catalogHeaders = options.discoveryKey === undefined ? {} : { 'x-portcullis-discovery': options.discoveryKey };
    this.insecure = target.insecure;
  }

  private agent(): Promise<Dispatcher> {
    const { addresses, timeoutMs } = this.options;
    return (this.dispatcher ??= undici().then(
      ({ Agent, buildConnector }) =>
        new Agent({
          connect: addresses.connector(buildConnector, { rejectUnauthorized: !this.insecure, timeout: timeoutMs }),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        }),
    ));
  }

  async close(): Promise<void> {
    if (this.dispatcher !== undefined) await (await this.dispatcher).close();
  }

  /**
   * Every repository name, page by page. A registry whose `catalog.maxentries` is lower than
   * CATALOG_PAGE refuses the first page (400): it is then asked for pages of its own default size.
   */
  async *catalog(): AsyncGenerator<string[]> {
    const access: TokenAccess = [{ type: 'registry', name: 'catalog', actions: ['*'] }];
    let first = `v2/_catalog?n=${CATALOG_PAGE}`;
    let listed = false;
    for (;;) {
      try {
        for await (const { path, body } of this.pages(first, access, this.catalogHeaders)) {
          const names = body.repositories;
          if (!Array.isArray(names))
            throw new RegistryError('bad_response', `${path}: the catalog has no "repositories" list`);
          if (names.length === 0) return;
          listed = true;
          // Entries that are not names are skipped, not trusted; the caller checks the names' form.
          yield names.filter((r): r is string => typeof r === 'string');
        }
        return;
      } catch (error) {
        if (listed || first === 'v2/_catalog' || !(error instanceof RegistryError && error.status === 400)) throw error;
        first = 'v2/_catalog';
      }
    }
  }

  /** Every tag of a repository (following `Link` where the registry pages, as 3.x does). */
  async tags(repository: string): Promise<string[]> {
    const tags: string[] = [];
    for await (const { path, body } of this.pages(`v2/${repository}/tags/list`, pullOf(repository))) {
      const list = body.tags;
      if (list === null || list === undefined) break; // a repository whose tags were all deleted
      if (!Array.isArray(list)) throw new RegistryError('bad_response', `${path}: no "tags" list`);
      for (const tag of list) if (typeof tag === 'string') tags.push(tag);
      if (tags.length > MAX_TAGS) throw new RegistryError('bad_response', `${repository}: more than ${MAX_TAGS} tags`);
    }
    return tags;
  }

  /** The digest and media type of a tag, without downloading the manifest (HEAD). */
  async headManifest(repository: string, reference: string): Promise<ManifestHead> {
    const response = await this.send('HEAD', `v2/${repository}/manifests/${reference}`, pullOf(repository), {
      accept: MANIFEST_MEDIA_TYPES.join(', '),
    });
    await response.body.dump();
    const digest = response.headers['docker-content-digest'];
    if (typeof digest !== 'string')
      throw new RegistryError('bad_response', `${repository}:${reference}: no Docker-Content-Digest`);
    return {
      digest,
      mediaType: mediaTypeOf(response.headers['content-type']),
      size: Number(response.headers['content-length'] ?? 0),
    };
  }

  async manifest(repository: string, reference: string): Promise<Manifest> {
    const path = `v2/${repository}/manifests/${reference}`;
    const { body, headers, size } = await this.json(path, pullOf(repository), {
      accept: MANIFEST_MEDIA_TYPES.join(', '),
    });
    const digest = headers['docker-content-digest'];
    const declared = body.mediaType;
    const mediaType = mediaTypeOf(headers['content-type'], typeof declared === 'string' ? declared : '');
    if (typeof digest !== 'string') throw new RegistryError('bad_response', `${path}: no Docker-Content-Digest`);
    return { digest, mediaType, size, body };
  }

  /** A JSON blob (an image config). */
  async jsonBlob(repository: string, digest: string): Promise<Record<string, unknown>> {
    return (await this.json(`v2/${repository}/blobs/${digest}`, pullOf(repository))).body;
  }

  /** Deletes a manifest by digest; the registry untags every tag pointing to it. */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    const access: TokenAccess = [{ type: 'repository', name: repository, actions: ['delete'] }];
    const response = await this.send('DELETE', `v2/${repository}/manifests/${digest}`, access, {}, [202, 404, 405]);
    const code = errorCodeOf(await response.body.text().catch(() => ''));
    if (response.statusCode === 405) {
      throw new RegistryError(
        'delete_disabled',
        'the registry refuses deletions: set storage.delete.enabled to true (REGISTRY_STORAGE_DELETE_ENABLED=true) in its configuration and restart it',
        405,
      );
    }
    if (response.statusCode === 404)
      throw new RegistryError('not_found', `${repository}@${digest}: ${code ?? 'not found'}`, 404);
  }

  /** The JSON pages of a list, following `Link` headers (distribution's `n`/`last` paging). */
  private async *pages(
    first: string,
    access: TokenAccess,
    sent: Record<string, string> = {},
  ): AsyncGenerator<{ path: string; body: Record<string, unknown> }> {
    let path: string | undefined = first;
    for (let page = 0; path !== undefined && page < MAX_PAGES; page++) {
      const { body, headers } = await this.json(path, access, sent);
      yield { path, body };
      path = nextPath(headers.link);
    }
  }

  private async json(
    path: string,
    access: TokenAccess,
    headers: Record<string, string> = {},
  ): Promise<{ body: Record<string, unknown>; headers: Record<string, string | string[] | undefined>; size: number }> {
    const response = await this.send('GET', path, access, headers);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_JSON_BYTES) {
        response.body.destroy();
        throw new RegistryError('bad_response', `${path}: the answer is larger than ${MAX_JSON_BYTES} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw new RegistryError('bad_response', `${path}: the answer is not JSON`);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new RegistryError('bad_response', `${path}: the answer is not a JSON object`);
    return { body: body as Record<string, unknown>, headers: response.headers, size };
  }

  /**
   * One request with a token for `access` alone, following at most five redirects within the
   * registry's origin: a redirect elsewhere is refused, so neither the token nor the request leaves
   * the address an admin approved.
   */
  private async send(
    method: 'GET' | 'HEAD' | 'DELETE',
    path: string,
    access: TokenAccess,
    headers: Record<string, string>,
    accepted: number[] = [200],
  ): Promise<Dispatcher.ResponseData> {
    const [{ request }, dispatcher] = await Promise.all([undici(), this.agent()]);
    let url = new URL(path, this.base);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (url.origin !== this.base.origin) {
        throw new RegistryError('bad_response', `${method} ${path}: redirected to another origin, which is refused`);
      }
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method,
          dispatcher,
          headers: { ...headers, authorization: `Bearer ${this.tokenFor(access)}` },
          // undici closes the connection after each HEAD by default, in case a server sends a body
          // with it; registries answer HEAD as HTTP says, and a crawl HEADs every tag, so the
          // connection is kept (a new one per tag took most of a crawl's own time).
          ...(method === 'HEAD' ? { reset: false } : {}),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new RegistryError('unreachable', `${url.origin}: ${sanitisedReason(reason)}`);
      }
      if ([301, 302, 303, 307, 308].includes(response.statusCode) && typeof response.headers.location === 'string') {
        await response.body.dump();
        url = new URL(response.headers.location, url);
        continue;
      }
      if (accepted.includes(response.statusCode)) return response;
      const code = errorCodeOf(await response.body.text().catch(() => ''));
      const detail = `${method} ${url.pathname}: HTTP ${response.statusCode}${code === undefined ? '' : ` ${code}`}`;
      if (response.statusCode === 401 || response.statusCode === 403)
        throw new RegistryError(
          'unauthorized',
          `${detail} (does the registry trust this Portcullis's certificates and issuer?)`,
          response.statusCode,
        );
      if (response.statusCode === 404) throw new RegistryError('not_found', detail, 404);
      throw new RegistryError('bad_response', detail, response.statusCode);
    }
    throw new RegistryError('bad_response', `${path}: more than ${MAX_REDIRECTS} redirects`);
  }
}

function pullOf(repository: string): TokenAccess {
  return [{ type: 'repository', name: repository, actions: ['pull'] }];
}
