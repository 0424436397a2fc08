import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type * as IORedis from 'ioredis';
import { AppConfig } from '../config/app-config';

const logger = new Logger('Redis');

/**
 * A connection to REDIS_URL (ioredis). Commands fail at once while Redis is away instead of
 * queueing, so callers fall back to what they do without Redis; ioredis reconnects by itself.
 */
function connectRedis(ioredis: typeof IORedis, url: string, role: 'commands' | 'subscriber'): IORedis.Redis {
  const redis = new ioredis.Redis(url, {
    connectionName: `portcullis-${role}`,
    enableOfflineQueue: role === 'subscriber',
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn(`Redis (${role}) unavailable: ${error.message}`);
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.log(`Redis (${role}) back`);
    down = false;
  });
  return redis;
}

/** This replica's connections to the Redis the replicas share, when REDIS_URL is set. */
export class ClusterRedis implements OnApplicationShutdown {
  /** For commands (login counters, publishing); undefined without REDIS_URL. */
  readonly commands: IORedis.Redis | undefined;
  private readonly subscribers: IORedis.Redis[] = [];

  /**
   * Loads ioredis only when REDIS_URL is set: without Redis, start-up does not spend the ~45 ms of
   * loading it.
   */
  static async open(config: AppConfig): Promise<ClusterRedis> {
    return new ClusterRedis(config, config.redisUrl === undefined ? undefined : await import('ioredis'));
  }

  /** `ioredis`: the loaded library, needed when REDIS_URL is set (`open` passes it). */
  constructor(
    private readonly config: AppConfig,
    private readonly ioredis: typeof IORedis | undefined,
  ) {
    if (config.redisUrl !== undefined && ioredis === undefined) throw new Error('REDIS_URL is set: ioredis is needed');
    this.commands =
      config.redisUrl === undefined || ioredis === undefined
        ? undefined
        : connectRedis(ioredis, config.redisUrl, 'commands');
  }

  /** A connection of its own for SUBSCRIBE (a subscribed connection runs no other command). */
  subscriber(): IORedis.Redis | undefined {
    if (this.config.redisUrl === undefined || this.ioredis === undefined) return undefined;
    const subscriber = connectRedis(this.ioredis, this.config.redisUrl, 'subscriber');
    this.subscribers.push(subscriber);
    return subscriber;
  }

  onApplicationShutdown(): void {
    this.commands?.disconnect();
    for (const subscriber of this.subscribers) subscriber.disconnect();
  }
}
