import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import type { Identity } from '@portcullis/domain';
import { AccessGeneration } from '../../cluster/access-generation';
import { AppConfig } from '../../config/app-config';
import { Metrics } from '../../observability/metrics';

/** How often a cached machine identity's or token's "last used" is written at most. */
const TOUCH_EVERY_MS = 60_000;

interface Verified {
  readonly identity: Identity;
  readonly generation: bigint;
  readonly verifiedAt: number;
  /** When the credential itself expires (robots, tokens). */
  readonly validUntil: number;
  readonly touch: (() => Promise<void>) | undefined;
  touchedAt: number;
}

/** What a successful check gives the cache. */
export interface VerifiedLogin {
  readonly identity: Identity;
  readonly expiresAt?: Date | null | undefined;
  readonly touch?: (() => Promise<void>) | undefined;
}

/**
 * Logins verified recently, so a token costs no password hash: keyed by an HMAC of login and secret
 * under a key that lives only in this process's memory (no secret is kept), bounded (least recently
 * used go first), and valid for CREDENTIAL_CACHE_TTL seconds within one access generation: any
 * change to users, groups, tokens, apps, registries or rules retires every entry at once. While the
 * database is unreachable, entries up to OUTAGE_GRACE seconds old are honoured ("stale").
 */
@Injectable()
export class CredentialCache {
  private readonly key = createSecretKey(randomBytes(32));
  private readonly entries: LRUCache<string, Verified>;
  private readonly ttlMs: number;
  private readonly graceMs: number;

  constructor(
    config: AppConfig,
    private readonly generation: AccessGeneration,
    private readonly metrics: Metrics,
  ) {
    this.ttlMs = config.credentialCache.ttlMs;
    this.graceMs = config.credentialCache.outageGraceMs;
    this.entries = new LRUCache({ max: config.credentialCache.size });
    generation.onChange(() => this.entries.clear());
  }

  /** The identity of a login verified within the TTL in the current generation, if any. */
  fresh(login: string, secret: string): Identity | undefined {
    if (this.ttlMs === 0) return undefined;
    const entry = this.usable(login, secret, this.ttlMs);
    if (entry === undefined || entry.generation !== this.generation.current()) {
      this.metrics.credentialLookup('miss');
      return undefined;
    }
    this.metrics.credentialLookup('hit');
    this.touched(entry);
    return entry.identity;
  }

  /** During a database outage: the identity of a login verified within OUTAGE_GRACE. */
  stale(login: string, secret: string): Identity | undefined {
    const entry = this.usable(login, secret, this.graceMs);
    if (entry === undefined) return undefined;
    this.metrics.credentialLookup('stale');
    return entry.identity;
  }

  /** Remembers a login checked against the database while `generation` was current. */
  remember(login: string, secret: string, verified: VerifiedLogin, generation: bigint | undefined): void {
    if (generation === undefined || (this.ttlMs === 0 && this.graceMs === 0)) return;
    const now = Date.now();
    this.entries.set(this.keyOf(login, secret), {
      identity: verified.identity,
      generation,
      verifiedAt: now,
      validUntil: verified.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY,
      touch: verified.touch,
      touchedAt: now,
    });
  }

  private usable(login: string, secret: string, maxAgeMs: number): Verified | undefined {
    const entry = this.entries.get(this.keyOf(login, secret));
    const now = Date.now();
    if (entry === undefined || now - entry.verifiedAt >= maxAgeMs || now >= entry.validUntil) return undefined;
    return entry;
  }

  private touched(entry: Verified): void {
    const now = Date.now();
    if (entry.touch === undefined || now - entry.touchedAt < TOUCH_EVERY_MS) return;
    entry.touchedAt = now;
    void entry.touch().catch(() => undefined);
  }

  private keyOf(login: string, secret: string): string {
    return createHmac('sha256', this.key).update(login).update('\0').update(secret).digest('base64url');
  }
}
