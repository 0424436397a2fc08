import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import type { Identity } from '@portcullis/domain';
import { AccessGeneration } from '../../cluster/access-generation';
import { AppConfig } from '../../config/app-config';
import { Metrics } from '../../observability/metrics';

/** How often a cached machine identity's or token's "last used" is written at most. */
const TOUCH_EVERY_MS = 60_000;
/** Past this share of the TTL, a hit also has the login verified again in the background. */
export const REFRESH_AHEAD = 0.75;

interface Verified {
  readonly identity: Identity;
  readonly generation: bigint;
  readonly verifiedAt: number;
  /** When the credential itself expires (robots, tokens). */
  readonly validUntil: number;
  readonly touch: (() => Promise<void>) | undefined;
  touchedAt: number;
}

/** A login found verified: who, and whether to verify it again ahead of its expiry. */
export interface CachedLogin {
  readonly identity: Identity;
  readonly refreshDue: boolean;
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
 *
 * A login in steady use never expires under its users: past three quarters of the TTL a hit says
 * it is due, and the caller verifies it again in the background while hits go on being answered.
 * A miss is verified once however many ask at the same moment (`shared`): a CI fleet on one robot
 * costs one hash, not one per request.
 */
@Injectable()
export class CredentialCache {
  private readonly key = createSecretKey(randomBytes(32));
  private readonly entries: LRUCache<string, Verified>;
  private readonly ttlMs: number;
  private readonly refreshAfterMs: number;
  private readonly graceMs: number;
  /** Verifications under way, by key. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    config: AppConfig,
    private readonly generation: AccessGeneration,
    private readonly metrics: Metrics,
  ) {
    this.ttlMs = config.credentialCache.ttlMs;
    this.refreshAfterMs = this.ttlMs * REFRESH_AHEAD;
    this.graceMs = config.credentialCache.outageGraceMs;
    this.entries = new LRUCache({ max: config.credentialCache.size });
    generation.onChange(() => this.entries.clear());
  }

  /**
   * The identity of a login verified within the TTL in the current generation, if any, and whether
   * it is due to be verified again (past three quarters of the TTL, and not being verified now).
   */
  fresh(login: string, secret: string): CachedLogin | undefined {
    if (this.ttlMs === 0) return undefined;
    const key = this.keyOf(login, secret);
    const entry = this.usable(key, this.ttlMs);
    if (entry === undefined || entry.generation !== this.generation.current()) {
      this.metrics.credentialLookup('miss');
      return undefined;
    }
    this.metrics.credentialLookup('hit');
    this.touched(entry);
    const refreshDue = Date.now() - entry.verifiedAt >= this.refreshAfterMs && !this.inFlight.has(key);
    return { identity: entry.identity, refreshDue };
  }

  /**
   * Runs `verify` for this login and secret unless a verification of them is under way, in which
   * case its outcome is shared: one hash however many ask at once.
   */
  shared<T>(login: string, secret: string, verify: () => Promise<T>): Promise<T> {
    const key = this.keyOf(login, secret);
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running !== undefined) return running;
    const promise = verify().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Drops a login found wrong since it was verified. */
  forget(login: string, secret: string): void {
    this.entries.delete(this.keyOf(login, secret));
  }

  /** During a database outage: the identity of a login verified within OUTAGE_GRACE. */
  stale(login: string, secret: string): Identity | undefined {
    const entry = this.usable(this.keyOf(login, secret), this.graceMs);
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

  private usable(key: string, maxAgeMs: number): Verified | undefined {
    const entry = this.entries.get(key);
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
