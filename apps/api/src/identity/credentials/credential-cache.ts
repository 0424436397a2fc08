import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import type { Identity } from '@portcullis/domain';
import { type AccessChanges, SUBJECT_KINDS } from '../../cluster/access-changes';
import { AccessGeneration } from '../../cluster/access-generation';
import { entriesUpTo } from '../../common/cache-size';
import { AppConfig } from '../../config/app-config';
import { Metrics } from '../../observability/metrics';

/** How often a cached machine identity's or token's "last used" is written at most. */
const TOUCH_EVERY_MS = 60_000;
/** Past this share of the TTL, a hit also has the login verified again in the background. */
export const REFRESH_AHEAD = 0.75;
/** Subjects whose last change is remembered (to refuse verifications that began before it). */
const CHANGES_REMEMBERED = 10_000;

/**
 * The subjects whose change retires a cached login (`<kind>:<id>`, the change log's kinds): the
 * identity itself (a user's tokens are the user's), its groups (a renamed group), a machine's app.
 */
export function subjectsOf(identity: Identity): string[] {
  switch (identity.kind) {
    case 'user':
      return [
        `user:${identity.id}`,
        ...identity.groups.map((group) => `group:${group.id}`),
        ...(identity.primaryGroup ? [`group:${identity.primaryGroup.id}`] : []),
      ];
    case 'service':
      return [`service:${identity.id}`, `app:${identity.app.id}`];
    case 'robot':
      return [`robot:${identity.id}`, `app:${identity.app.id}`];
    case 'anonymous':
      return [];
  }
}

/** An account's key: logins' keys are base64url HMACs, which never hold a space. */
const accountKey = (login: string) => `account ${login}`;

interface Verified {
  readonly identity: Identity;
  readonly subjects: readonly string[];
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
 * used go first), and valid for CREDENTIAL_CACHE_TTL seconds until a change touches its identity:
 * the access generation's change log names the users, groups, services, robots and apps each change
 * touched, and only their entries go (a change for everyone, or a replica far behind, empties the
 * cache). A verification that began before a change to its identity is not kept. While the
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
  /** The keys of the entries of each subject. */
  private readonly bySubject = new Map<string, Set<string>>();
  /** The generation of each subject's last change, and below which generation nothing is kept. */
  private readonly changedAt = new Map<string, bigint>();
  private floor = 0n;

  constructor(
    config: AppConfig,
    generation: AccessGeneration,
    private readonly metrics: Metrics,
  ) {
    this.ttlMs = config.credentialCache.ttlMs;
    this.refreshAfterMs = this.ttlMs * REFRESH_AHEAD;
    this.graceMs = config.credentialCache.outageGraceMs;
    this.entries = new LRUCache({
      ...entriesUpTo(config.credentialCache.size),
      // However an entry goes (evicted, replaced, deleted), its subjects forget it.
      dispose: (entry, key) => {
        for (const subject of entry.subjects) {
          const keys = this.bySubject.get(subject);
          keys?.delete(key);
          if (keys?.size === 0) this.bySubject.delete(subject);
        }
      },
    });
    generation.onChange((changes) => this.changed(changes));
  }

  private changed(changes: AccessChanges): void {
    if (changes.all || this.changedAt.size > CHANGES_REMEMBERED) {
      this.entries.clear();
      this.changedAt.clear();
      this.floor = changes.generation;
      return;
    }
    for (const kind of SUBJECT_KINDS) {
      for (const id of changes.touched.get(kind) ?? []) {
        const subject = `${kind}:${id}`;
        this.changedAt.set(subject, changes.generation);
        for (const key of [...(this.bySubject.get(subject) ?? [])]) this.entries.delete(key);
      }
    }
  }

  /**
   * The identity of a login verified within the TTL and untouched since, if any, and whether
   * it is due to be verified again (past three quarters of the TTL, and not being verified now).
   */
  fresh(login: string, secret: string): CachedLogin | undefined {
    if (this.ttlMs === 0) return undefined;
    const key = this.keyOf(login, secret);
    const entry = this.usable(key, this.ttlMs);
    if (entry === undefined) {
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

  /**
   * Remembers a login checked against the database while `generation` was current, unless its
   * identity changed since (the check may have read what was before).
   */
  remember(login: string, secret: string, verified: VerifiedLogin, generation: bigint | undefined): void {
    this.keep(this.keyOf(login, secret), verified, generation);
  }

  /**
   * The identity of an account a token this Portcullis signed names (search and catalog requests
   * carry one), as read within the TTL and untouched since: such requests then read no row. No
   * credential is involved: the entry proves nothing about a password (its key is of another
   * shape than a login's, so no lookup of a login can meet it).
   */
  knownAccount(login: string): Identity | undefined {
    return this.ttlMs === 0 ? undefined : this.usable(accountKey(login), this.ttlMs)?.identity;
  }

  /** Remembers an account's identity read while `generation` was current (as `remember`). */
  rememberAccount(login: string, identity: Identity, generation: bigint | undefined): void {
    this.keep(accountKey(login), { identity }, generation);
  }

  private keep(key: string, verified: VerifiedLogin, generation: bigint | undefined): void {
    if (generation === undefined || generation < this.floor || (this.ttlMs === 0 && this.graceMs === 0)) return;
    const subjects = subjectsOf(verified.identity);
    if (subjects.some((subject) => (this.changedAt.get(subject) ?? 0n) > generation)) return;
    const now = Date.now();
    this.entries.set(key, {
      identity: verified.identity,
      subjects,
      verifiedAt: now,
      validUntil: verified.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY,
      touch: verified.touch,
      touchedAt: now,
    });
    for (const subject of subjects) {
      let keys = this.bySubject.get(subject);
      if (keys === undefined) this.bySubject.set(subject, (keys = new Set()));
      keys.add(key);
    }
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
