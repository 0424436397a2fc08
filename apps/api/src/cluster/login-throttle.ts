import { Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';
import { ClusterRedis } from './redis';

/** First lockout, doubled by each further failure, up to the counting window. */
export const FIRST_LOCKOUT_MS = 30_000;
const LOCAL_KEYS = 100_000;

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
 * Brute-force protection for logins: failures are counted per account and per client address over
 * LOCKOUT_WINDOW; from the LOCKOUT_*_FAILURES-th on, that account or address is refused without
 * checking its secret for 30 s, doubling with each further failure up to the window. The counters
 * live in Redis when REDIS_URL is set, so every replica sees the same ones; otherwise (or while
 * Redis is away) in this replica's memory. A success clears its account's counter, not its address's.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly local: LRUCache<string, Counter>;
  private readonly redis: Redis | undefined;
  private readonly limits: AppConfig['lockout'];

  constructor(config: AppConfig, redis: ClusterRedis) {
    this.limits = config.lockout;
    this.local = new LRUCache({ max: LOCAL_KEYS, ttl: this.limits.windowMs });
    this.redis = redis.commands;
  }

  /** Milliseconds until this account and address may try again (0: now). */
  async lockedFor(account: string, address: string | undefined): Promise<number> {
    const keys = this.keysOf(account, address);
    const until = await Promise.all(keys.map((key) => this.lockedUntil(key)));
    return Math.max(0, ...until.map((t) => t - Date.now()));
  }

  async failed(account: string, address: string | undefined): Promise<void> {
    const [accountKey, addressKey] = this.keysOf(account, address);
    await this.count(accountKey!, this.limits.accountFailures);
    if (addressKey !== undefined) await this.count(addressKey, this.limits.addressFailures);
  }

  async succeeded(account: string): Promise<void> {
    const [key] = this.keysOf(account, undefined);
    this.local.delete(key!);
    await this.redis?.del(key!).catch(() => undefined);
  }

  private keysOf(account: string, address: string | undefined): string[] {
    return [`portcullis:login:account:${account}`, ...(address ? [`portcullis:login:address:${address}`] : [])];
  }

  private async lockedUntil(key: string): Promise<number> {
    if (this.redis?.status === 'ready') {
      try {
        return Number((await this.redis.hget(key, 'until')) ?? 0);
      } catch {
        // Redis went away: this replica's own counters meanwhile.
      }
    }
    return this.local.get(key)?.lockedUntil ?? 0;
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
