import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';

const logger = new Logger('Redis');

/**
 * A connection to REDIS_URL (ioredis). Commands fail at once while Redis is away instead of
 * queueing, so callers fall back to what they do without Redis; ioredis reconnects by itself.
 */
function connectRedis(url: string, role: 'commands' | 'subscriber'): Redis {
  const redis = new Redis(url, {
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
@Injectable()
export class ClusterRedis implements OnApplicationShutdown {
  /** For commands (login counters, publishing); undefined without REDIS_URL. */
  readonly commands: Redis | undefined;
  private readonly subscribers: Redis[] = [];

  constructor(private readonly config: AppConfig) {
    this.commands = config.redisUrl === undefined ? undefined : connectRedis(config.redisUrl, 'commands');
  }

  /** A connection of its own for SUBSCRIBE (a subscribed connection runs no other command). */
  subscriber(): Redis | undefined {
    if (this.config.redisUrl === undefined) return undefined;
    const subscriber = connectRedis(this.config.redisUrl, 'subscriber');
    this.subscribers.push(subscriber);
    return subscriber;
  }

  onApplicationShutdown(): void {
    this.commands?.disconnect();
    for (const subscriber of this.subscribers) subscriber.disconnect();
  }
}
