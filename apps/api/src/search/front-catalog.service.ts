import { Injectable } from '@nestjs/common';
import { type Identity, type RegistryPolicy } from '@portcullis/domain';
import { AppConfig } from '../config/app-config';
import { CredentialsService } from '../identity/credentials/credentials.service';
import { AccessSnapshot } from '../policy/access-snapshot';
import { PolicyService } from '../policy/policy.service';
import { TokenVerifier, grantsAny } from '../signing/token-verifier';
import { TokenError } from '../token/token.error';
import { CatalogIndex } from './catalog-index';

/** distribution's `defaultReturnedEntries` and `catalog.maxentries` default. */
const DEFAULT_ENTRIES = 100;
const MAX_ENTRIES = 1000;
/** Names decided at a time while a page fills (pullable decides once per namespace anyway). */
const BATCH = 500;

/** An answer in the registry's own shape, headers included: the front passes it on unchanged. */
export interface RegistryAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A catalog request as the front passes it on: its credentials, the registry it names, its query. */
export interface CatalogRequest {
  authorization: string | undefined;
  front: string | undefined;
  query: Record<string, unknown>;
}

const CATALOG_SCOPE = 'registry:catalog:*';
const CATALOG_DETAIL = [{ Type: 'registry', Name: 'catalog', Action: '*' }];

function registryError(status: number, code: string, message: string, detail?: unknown): RegistryAnswer {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: { errors: [{ code, message, ...(detail === undefined ? {} : { detail }) }] },
  };
}

/** A query parameter as Go's `Query().Get` reads it: the first value. */
function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? (value as unknown[])[0] : value;
}

/** distribution's `n`: unparseable or negative is the default; above the maximum is an error. */
function entriesOf(n: unknown): number | RegistryAnswer {
  if (typeof n !== 'string' || !/^-?\d{1,9}$/.test(n)) return DEFAULT_ENTRIES;
  const parsed = Number(n);
  if (parsed > MAX_ENTRIES)
    return registryError(400, 'PAGINATION_NUMBER_INVALID', 'invalid number of results requested', { n: parsed });
  return parsed < 0 ? DEFAULT_ENTRIES : parsed;
}

/**
 * `GET /v2/_catalog` of a registry behind the front Portcullis provisions: the repositories the
 * asker may pull, from Portcullis's index, in the registry's own protocol. distribution lists
 * every repository to whoever holds `registry:catalog:*` (harbor#6784 answers admins only, which
 * breaks `podman search`); answered here, the catalog is filtered like search, so it can be
 * offered to everyone (a fronted registry) and podman's fallback search shows the same results
 * as docker's.
 *
 * The challenges are distribution's (`auth/token/accesscontroller.go`): no token, a challenge
 * with the catalog's scope and no error; a token of another registry or not Portcullis's,
 * `invalid_token`; a token without the scope, `insufficient_scope` (containers/image asks for
 * a token with no scope first, and retries with the challenge's scope only on that error).
 */
@Injectable()
export class FrontCatalogService {
  constructor(
    private readonly catalog: CatalogIndex,
    private readonly snapshot: AccessSnapshot,
    private readonly credentials: CredentialsService,
    private readonly policy: PolicyService,
    private readonly verifier: TokenVerifier,
    private readonly config: AppConfig,
  ) {}

  async answer(request: CatalogRequest): Promise<RegistryAnswer> {
    const answer = await this.page(request);
    answer.headers['Docker-Distribution-API-Version'] = 'registry/2.0';
    answer.headers['Cache-Control'] = 'no-store';
    return answer;
  }

  private async page(request: CatalogRequest): Promise<RegistryAnswer> {
    if (request.front === undefined) {
      return registryError(
        404,
        'NAME_UNKNOWN',
        "Portcullis answers a registry's catalog through the registry's front (X-Portcullis-Registry)",
      );
    }
    const registry = (await this.snapshot.current()).registries.get(request.front);
    if (registry === undefined) {
      return registryError(404, 'NAME_UNKNOWN', TokenError.unknownRegistry(request.front).message);
    }
    const identity = await this.asker(request.authorization, registry.policy);
    if ('status' in identity) return identity;
    const entries = entriesOf(firstOf(request.query.n));
    if (typeof entries !== 'number') return entries;
    const given = firstOf(request.query.last);
    const last = typeof given === 'string' ? given : '';
    const { names, more } = await this.pullableAfter(identity, registry.row.id, registry.policy, last, entries);
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
    if (more && names.length > 0) {
      const next = new URLSearchParams({ last: names[names.length - 1]!, n: String(entries) });
      headers.Link = `</v2/_catalog?${next.toString()}>; rel="next"`;
    }
    return { status: 200, headers, body: { repositories: names } };
  }

  /** Who holds the bearer token, or the registry's challenge. */
  private async asker(authorization: string | undefined, registry: RegistryPolicy): Promise<Identity | RegistryAnswer> {
    const challenge = (error?: 'invalid_token' | 'insufficient_scope'): RegistryAnswer => {
      const answer = registryError(401, 'UNAUTHORIZED', 'authentication required', CATALOG_DETAIL);
      answer.headers['WWW-Authenticate'] =
        `Bearer realm="${this.config.publicUrl}/token",service="${registry.service}",scope="${CATALOG_SCOPE}"` +
        (error === undefined ? '' : `,error="${error}"`);
      return answer;
    };
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (bearer === undefined) return challenge();
    const claims = this.verifier.verify(bearer);
    if (!claims || claims.aud !== registry.service) return challenge('invalid_token');
    if (!grantsAny(claims, 'registry', 'catalog', [])) return challenge('insufficient_scope');
    return (await this.credentials.identityByLogin(claims.sub)) ?? challenge('invalid_token');
  }

  /**
   * Up to `entries` names after `last` that `identity` may pull, and whether the index holds
   * names after them (distribution then sends a `Link`, even when the next page turns out empty).
   */
  private async pullableAfter(
    identity: Identity,
    registryId: number,
    registry: RegistryPolicy,
    last: string,
    entries: number,
  ): Promise<{ names: string[]; more: boolean }> {
    if (entries === 0) return { names: [], more: false };
    const narrowing = await this.policy.narrowingFor(identity, [registry]);
    const candidates = (await this.catalog.namesAfter(registryId, last, narrowing))[Symbol.iterator]();
    const names: string[] = [];
    for (;;) {
      const batch: string[] = [];
      for (let next = candidates.next(); !next.done; next = candidates.next()) {
        batch.push(next.value);
        if (batch.length === BATCH) break;
      }
      if (batch.length === 0) return { names, more: false };
      const pullable = await this.policy.pullable(identity, registry, batch);
      for (let i = 0; i < batch.length; i++) {
        if (!pullable.has(batch[i]!)) continue;
        names.push(batch[i]!);
        if (names.length === entries) return { names, more: i < batch.length - 1 || !candidates.next().done };
      }
    }
  }
}
