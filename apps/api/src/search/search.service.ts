import { Injectable } from '@nestjs/common';
import { ANONYMOUS, type Identity, type OwnedNamespace, type RegistryPolicy } from '@portcullis/domain';
import { AppConfig } from '../config/app-config';
import { CredentialsService } from '../identity/credentials/credentials.service';
import { AccessSnapshot } from '../policy/access-snapshot';
import { PolicyService } from '../policy/policy.service';
import { TokenVerifier, grantsAny } from '../signing/token-verifier';
import { parseBasicAuthorization } from '../token/token-request.parser';
import { TokenError } from '../token/token.error';
import { CatalogIndex } from './catalog-index';
import type { SearchCandidate } from './search.repository';

/** Docker Engine's `registry.SearchResults` (moby `api/types/registry/search.go`), field for field. */
export interface DockerSearchResults {
  query: string;
  num_results: number;
  results: { star_count: number; is_official: boolean; name: string; is_automated: boolean; description: string }[];
}

/**
 * Candidates read per result wanted in the first round: few when the database already skipped
 * what the asker cannot pull (searchNarrowing), more when it could not (admins, askers with rules).
 */
const NARROWED_FIRST_ROUND_PER_RESULT = 2;
const FIRST_ROUND_PER_RESULT = 10;
const ROUND_GROWTH = 4;
const MAX_CANDIDATES = 2000;

/** The first of each name (the same name in several registries is one result). */
function distinctNames(candidates: SearchCandidate[]): SearchCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => !seen.has(c.name) && seen.add(c.name));
}

/** A query parameter given at most once. */
function single(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw TokenError.invalidRequest(`"${name}" must appear once`);
  return value;
}

/**
 * `docker search` on a private registry: the repositories whose name matches, that the asker may
 * pull, best first. The asker is whoever the Basic credentials or the Bearer token (docker's,
 * with `registry:catalog:search`) name, or anonymous.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly catalog: CatalogIndex,
    private readonly snapshot: AccessSnapshot,
    private readonly credentials: CredentialsService,
    private readonly policy: PolicyService,
    private readonly verifier: TokenVerifier,
    config: AppConfig,
  ) {
    this.ownHost = new URL(config.publicUrl).host;
  }

  /** PUBLIC_URL's `host[:port]`: a search sent there asks Portcullis itself, of every registry. */
  private readonly ownHost: string;

  /** Who asks, and for which registry (a Bearer token names it in `aud`). */
  private async asker(
    authorization: string | undefined,
    address: string | undefined,
  ): Promise<{ identity: Identity; service?: string }> {
    if (authorization?.startsWith('Bearer ')) {
      const claims = this.verifier.verify(authorization.slice('Bearer '.length).trim());
      if (!claims || !grantsAny(claims, 'registry', 'catalog', ['search']))
        throw TokenError.unauthorized('the bearer token is not a search token of this Portcullis');
      const identity = await this.credentials.identityByLogin(claims.sub);
      if (!identity) throw TokenError.unauthorized('the token names an account that no longer exists');
      return { identity, service: claims.aud };
    }
    const credentials = parseBasicAuthorization(authorization);
    if (credentials.kind === 'anonymous') return { identity: ANONYMOUS };
    if (credentials.kind !== 'password') throw TokenError.unauthorized('give a user name and a password');
    const result = await this.credentials.authenticate(credentials.username, credentials.password, address);
    if ('retryAfterMs' in result && result.retryAfterMs !== undefined)
      throw TokenError.tooManyRequests(result.retryAfterMs);
    if (!('identity' in result)) throw TokenError.unauthorized('authentication failed');
    return { identity: result.identity };
  }

  /**
   * Docker's v1 search with its query parameters as sent (`q`, `n`: 1 to 100, default 25), refused
   * in Docker's error shape; `address`: the client's, for login throttling.
   */
  async dockerSearch(
    authorization: string | undefined,
    host: string | undefined,
    parameters: Record<string, unknown>,
    address?: string,
    front?: string,
  ): Promise<DockerSearchResults> {
    const query = single(parameters.q, 'q') ?? '';
    const nText = single(parameters.n, 'n') ?? '25';
    const limit = /^\d{1,3}$/.test(nText) ? Number(nText) : NaN;
    if (!(limit >= 1 && limit <= 100)) throw TokenError.invalidRequest('"n" must be a number from 1 to 100');
    if (query.length > 255) throw TokenError.invalidRequest('"q" is longer than 255 characters');
    // Through a front, a request without any credentials is containers/image's (podman, skopeo,
    // buildah): it asks /v1/search without them even when signed in, and only a non-200 makes it
    // search the catalog with them (docker_client.go SearchRegistry), which the front filters by
    // what the asker may pull. Docker always sends Basic over https (`Og==` when signed out).
    if (authorization === undefined && front !== undefined)
      throw TokenError.unauthorized('send credentials (Basic, empty for anonymous) or search the catalog');
    const { identity, service } = await this.asker(authorization, address);
    const registries = [...(await this.snapshot.current()).registries.values()];
    // The registry searched: the token's audience; else the one a provisioned front names
    // (X-Portcullis-Registry: that registry or none, never all); else the one whose service is
    // the Host the request was sent to; all of them only when that Host is Portcullis's own
    // (asked directly), and none when it is another (a front that does not name its registry).
    const hostName = host?.split(':')[0];
    const chosen = registries.filter((r) => r.row.service === service);
    const fronted = registries.filter((r) => r.row.service === front);
    if (service === undefined && front !== undefined && fronted.length === 0) throw TokenError.unknownRegistry(front);
    const byHost = registries.filter((r) => r.row.service === host || r.row.service === hostName);
    if (
      service === undefined &&
      front === undefined &&
      byHost.length === 0 &&
      host !== undefined &&
      host !== this.ownHost
    )
      throw TokenError.unknownRegistry(host);
    const scope =
      service !== undefined ? chosen : front !== undefined ? fronted : byHost.length > 0 ? byHost : registries;

    const narrowing = await this.policy.narrowingFor(
      identity,
      scope.map((r) => r.policy),
    );
    const policies = new Map(scope.map((r) => [r.row.id, r.policy]));
    const visible = await this.visibleMatches(identity, query, policies, narrowing, limit);
    const results = visible.slice(0, limit).map((c) => ({
      star_count: c.starCount,
      is_official: c.official,
      name: c.name,
      is_automated: c.automated,
      description: c.description,
    }));
    return { query, num_results: results.length, results };
  }

  /**
   * The best matches the asker may pull, one per name. The catalog index skips what the asker's
   * homes, groups and apps rule out (searchNarrowing), so most matches are pullable; the number
   * taken grows until the page is full or MAX_CANDIDATES matches were considered.
   */
  private async visibleMatches(
    identity: Identity,
    query: string,
    policies: Map<number, RegistryPolicy>,
    narrowing: ReadonlyMap<OwnedNamespace, readonly string[]>,
    limit: number,
  ): Promise<SearchCandidate[]> {
    const matches = await this.catalog.matching(query, [...policies.keys()], narrowing);
    const perResult = narrowing.size > 0 ? NARROWED_FIRST_ROUND_PER_RESULT : FIRST_ROUND_PER_RESULT;
    for (
      let take = Math.min(limit * perResult, MAX_CANDIDATES);
      ;
      take = Math.min(take * ROUND_GROWTH, MAX_CANDIDATES)
    ) {
      const candidates = matches.best(take);
      const visible = distinctNames(
        await this.policy.visible(identity, policies, candidates, (c) => ({ registryId: c.registryId, name: c.name })),
      );
      if (visible.length >= limit || candidates.length < take || take === MAX_CANDIDATES) return visible;
    }
  }
}
