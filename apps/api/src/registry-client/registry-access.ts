import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { buildRegistryClaims } from '@portcullis/domain';
import { entriesUpTo } from '../common/cache-size';
import { AppConfig } from '../config/app-config';
import { TokenSigner } from '../signing/token-signer';
import { OutboundAddressFilter } from './outbound';
import { RegistryClient, RegistryError, type TokenAccess, type TokenFor } from './registry-client';

/** The `sub` of Portcullis's own tokens: no user can have this name, so its pulls are not counted. */
export const DISCOVERY_SUBJECT = 'portcullis:discovery';
/** Portcullis's own tokens last a minute, the token specification's floor. */
const OWN_TOKEN_TTL_SECONDS = 60;
/** Tokens a client keeps for reuse (the repositories a crawl's concurrent requests are at). */
const MAX_KEPT_TOKENS = 256;
/** Where Portcullis calls a registry, and whether an admin approved that endpoint. */
export interface RegistryEndpoint {
  readonly service: string;
  readonly url: string;
  readonly insecure: boolean;
  readonly endpointApprovedAt: Date | null;
}

/**
 * Portcullis's own calls to registries (crawls, tag deletion, reading a pushed tag): the only
 * place that hands out a client carrying tokens Portcullis signs for itself.
 */
@Injectable()
export class RegistryAccess {
  private readonly addresses: OutboundAddressFilter;

  constructor(
    private readonly signer: TokenSigner,
    private readonly config: AppConfig,
  ) {
    this.addresses = new OutboundAddressFilter(config.discovery.deny);
  }

  /**
   * Tokens Portcullis signs for itself, for one registry: one per repository and actions, reused by
   * that client for half its lifetime (a crawl makes three or four requests per repository).
   */
  private tokenFor(service: string): TokenFor {
    const signed = new LRUCache<string, string>({
      ...entriesUpTo(MAX_KEPT_TOKENS),
      ttl: (OWN_TOKEN_TTL_SECONDS * 1000) / 2,
    });
    return (access) => {
      const key = JSON.stringify(access);
      let token = signed.get(key);
      if (token === undefined) signed.set(key, (token = this.sign(service, access)));
      return token;
    };
  }

  private sign(service: string, access: TokenAccess): string {
    return this.signer.sign(
      buildRegistryClaims({
        issuer: this.config.token.issuer,
        subject: DISCOVERY_SUBJECT,
        service,
        now: Date.now(),
        ttlSeconds: OWN_TOKEN_TTL_SECONDS,
        jwtId: randomUUID(),
        grants: access.map((a) => ({
          ...a,
          requested: a.actions,
          granted: a.actions,
          clause: 'discovery',
          decisions: [],
        })),
      }),
    );
  }

  /**
   * The only way to call a registry with Portcullis's own credentials. Refused (RegistryError
   * `not_approved`) unless an admin set or approved the registry's endpoint: a token Portcullis
   * signs for itself never goes to an address a non-admin chose. `discoveryKey`: the registry's
   * (NotificationSecrets), for a crawl through its provisioned front.
   */
  clientFor(registry: RegistryEndpoint, discoveryKey?: string): RegistryClient {
    if (registry.endpointApprovedAt === null) {
      throw new RegistryError(
        'not_approved',
        `the address of ${registry.service} awaits an admin's approval (it was set by someone who is not an admin)`,
      );
    }
    return new RegistryClient(registry, this.tokenFor(registry.service), {
      timeoutMs: this.config.discovery.timeoutMs,
      addresses: this.addresses,
      ...(discoveryKey === undefined ? {} : { discoveryKey }),
    });
  }
}
