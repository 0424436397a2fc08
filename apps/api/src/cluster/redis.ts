import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

const logger = new Logger('Redis');

/**
 * A connection to REDIS_URL (ioredis). Commands fail at once while Redis is away instead of
 * queueing, so callers fall back to what they do without Redis; ioredis reconnects by itself.
 */
export function connectRedis(url: string, role: string): Redis {
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

/** The shared Redis connection for commands, or undefined when REDIS_URL is unset. */
export abstract class SharedRedis {
  abstract readonly client: Redis | undefined;
}
