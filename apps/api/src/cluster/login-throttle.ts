import { Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { createHmac, randomBytes } from 'node:crypto';
import { entriesUpTo } from '../common/cache-size';
import { AppConfig } from '../config/app-config';
import { InstanceSecretsRepository } from '../database/instance-secrets.repository';
import { ClusterRedis } from './redis';

/** First lockout, doubled by each further failure, up to the counting window. */
export const FIRST_LOCKOUT_MS = 30_000;
/** How long an address stays familiar to an account after it signed in from there. */
export const FAMILIAR_MS = 30 * 86_400_000;
const LOCAL_KEYS = 100_000;
const PREFIX = 'portcullis:login:';

/**
 * Who holds the credential: a person's password (guessable), or a machine credential (a robot's or
 * service's secret, a personal access token: 144 random bits and more, never guessed in practice).
 */
export type CredentialKind = 'person' | 'machine';

interface Counter {
  failures: number;
  lockedUntil: number;
}

/** How long a key is locked after `failures` failures (0: not locked). */
export function lockoutMs(failures: number, threshold: number, windowMs: number): number {
  if (failures < threshold) return 0;
  return Math.min(windowMs, FIRST_LOCKOUT_MS * 2 ** Math.min(failures - threshold, 20));
}

/**
 * Brute-force protection that a stranger cannot turn against a credential's holder:
 *
 * - an account and an address together (LOCKOUT_ACCOUNT_FAILURES within LOCKOUT_WINDOW): the
 *   guesser's address is locked out of that account for 30 s, doubling up to the window; the
 *   holder, elsewhere, is not;
 * - an address (LOCKOUT_ADDRESS_FAILURES, every account and credential together): guessing from
 *   one address stops, whatever it guesses at;
 * - an account from everywhere (LOCKOUT_ACCOUNT_WIDE_FAILURES): guessing from many addresses is
 *   slowed, never stopped: addresses the account has not signed in from within 30 days share one
 *   password check per LOCKOUT_SLOWDOWN seconds, while addresses it signed in from are not slowed.
 *
 * Machine credentials are never locked out for failures (nobody guesses 144 random bits; a
 * lockout would only let anyone stop a CI robot); their failures count towards the address only.
 * The same wrong secret tried again within the window counts once (containerd retries a refused
 * POST as a GET; misconfigured clients retry forever). Counters live in Redis when REDIS_URL is set,
 * so every replica sees the same ones; otherwise (or while Redis is away) in this replica's memory.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly local: LRUCache<string, Counter>;
  /** Local stand-ins for Redis keys that only need to exist (familiar addresses, repeats, slots). */
  private readonly marks: LRUCache<string, number>;
  private readonly redis: Redis | undefined;
  private readonly limits: AppConfig['lockout'];
  private fingerprintKey: Promise<Buffer> | undefined;

  constructor(
    config: AppConfig,
    redis: ClusterRedis,
    private readonly secrets: InstanceSecretsRepository,
  ) {
    this.limits = config.lockout;
    this.local = new LRUCache({ ...entriesUpTo(LOCAL_KEYS), ttl: this.limits.windowMs });
    this.marks = new LRUCache({ ...entriesUpTo(LOCAL_KEYS), ttlAutopurge: false });
    this.redis = redis.commands;
  }

  /**
   * Milliseconds until `account` may be tried from `address` (0: now). For a person's account from
   * an unfamiliar address while the account is being guessed at, a free slot is taken here.
   */
  async lockedFor(kind: CredentialKind, account: string, address: string | undefined): Promise<number> {
    const keys = [
      ...(address === undefined ? [] : [`${PREFIX}address:${address}`]),
      ...(kind === 'person' ? [this.pairKey(account, address)] : []),
    ];
    const until = await Promise.all(keys.map((key) => this.lockedUntil(key)));
    const locked = Math.max(0, ...until.map((t) => t - Date.now()));
    if (locked > 0 || kind === 'machine') return locked;
    return this.slowedFor(account, address);
  }

  /** Counts a failed sign-in, unless the same secret already failed for this account within the window. */
  async failed(kind: CredentialKind, account: string, address: string | undefined, secret: string): Promise<void> {
    if (await this.repeated(kind, account, secret)) return;
    if (address !== undefined) await this.count(`${PREFIX}address:${address}`, this.limits.addressFailures);
    if (kind === 'machine') return;
    await this.count(this.pairKey(account, address), this.limits.accountFailures);
    await this.count(`${PREFIX}account:${account}`, Number.POSITIVE_INFINITY);
  }

  /** A person signed in: its address is cleared and becomes familiar to the account. */
  async succeeded(kind: CredentialKind, account: string, address: string | undefined): Promise<void> {
    if (kind === 'machine') return;
    const pair = this.pairKey(account, address);
    this.local.delete(pair);
    await this.redis?.del(pair).catch(() => undefined);
    if (address !== undefined) await this.mark(`${PREFIX}familiar:${account}:${address}`, FAMILIAR_MS);
  }

  private pairKey(account: string, address: string | undefined): string {
    return `${PREFIX}pair:${account}:${address ?? ''}`;
  }

  /**
   * While an account is guessed at from everywhere (LOCKOUT_ACCOUNT_WIDE_FAILURES), unfamiliar
   * addresses share one attempt per LOCKOUT_SLOWDOWN; familiar ones are never slowed.
   */
  private async slowedFor(account: string, address: string | undefined): Promise<number> {
    const failures = await this.failuresOf(`${PREFIX}account:${account}`);
    if (failures < this.limits.accountWideFailures) return 0;
    if (address !== undefined && (await this.exists(`${PREFIX}familiar:${account}:${address}`))) return 0;
    return this.takeSlot(`${PREFIX}slot:${account}`, this.limits.slowdownMs);
  }

  /** Whether this wrong secret was already counted for the account within the window. */
  private async repeated(kind: CredentialKind, account: string, secret: string): Promise<boolean> {
    // Keyed by an HMAC under a key every replica shares and that never leaves the database: no
    // secret, not even a wrong one, is kept in a form that can be tested offline.
    this.fingerprintKey ??= this.secrets
      .getOrCreate('login-failure-hmac', () => randomBytes(32).toString('base64'))
      .then((key) => Buffer.from(key, 'base64'));
    const fingerprint = createHmac('sha256', await this.fingerprintKey)
      .update(`${kind}\0${account}\0${secret}`)
      .digest('base64url');
    return (await this.takeSlot(`${PREFIX}repeat:${fingerprint}`, this.limits.windowMs)) > 0;
  }

  /** Takes a key for `ttlMs` if it is free (0); otherwise the milliseconds until it frees. */
  private async takeSlot(key: string, ttlMs: number): Promise<number> {
    if (this.redis?.status === 'ready') {
      try {
        if ((await this.redis.set(key, '1', 'PX', ttlMs, 'NX')) === 'OK') return 0;
        return Math.max(1, await this.redis.pttl(key));
      } catch {
        // Redis went away: this replica's own marks meanwhile.
      }
    }
    const until = this.marks.get(key) ?? 0;
    const now = Date.now();
    if (until > now) return until - now;
    this.marks.set(key, now + ttlMs);
    return 0;
  }

  private async mark(key: string, ttlMs: number): Promise<void> {
    this.marks.set(key, Date.now() + ttlMs);
    await this.redis?.set(key, '1', 'PX', ttlMs).catch(() => undefined);
  }

  private async exists(key: string): Promise<boolean> {
    if (this.redis?.status === 'ready') {
      try {
        return (await this.redis.exists(key)) === 1;
      } catch {
        // Redis went away: this replica's own marks meanwhile.
      }
    }
    return (this.marks.get(key) ?? 0) > Date.now();
  }

  private failuresOf(key: string): Promise<number> {
    return this.counterField(key, 'failures');
  }

  private lockedUntil(key: string): Promise<number> {
    return this.counterField(key, 'until');
  }

  /** A counter's failures or lock end, from Redis, or this replica's counters while Redis is away. */
  private async counterField(key: string, field: 'failures' | 'until'): Promise<number> {
    if (this.redis?.status === 'ready') {
      try {
        return Number((await this.redis.hget(key, field)) ?? 0);
      } catch {
        // Redis went away: this replica's own counters meanwhile.
      }
    }
    const counter = this.local.get(key);
    return (field === 'failures' ? counter?.failures : counter?.lockedUntil) ?? 0;
  }

  private async count(key: string, threshold: number): Promise<void> {
    const { windowMs } = this.limits;
    if (this.redis?.status === 'ready') {
      try {
        const [[, failures] = []] =
          (await this.redis.multi().hincrby(key, 'failures', 1).pexpire(key, windowMs).exec()) ?? [];
        const lock = lockoutMs(Number(failures), threshold, windowMs);
        if (lock > 0) await this.redis.hset(key, 'until', String(Date.now() + lock));
        return;
      } catch (error) {
        this.logger.warn(
          `Counting a failed login in this replica only: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    const counter = this.local.get(key) ?? { failures: 0, lockedUntil: 0 };
    counter.failures += 1;
    const lock = lockoutMs(counter.failures, threshold, windowMs);
    if (lock > 0) counter.lockedUntil = Date.now() + lock;
    this.local.set(key, counter);
  }
}
