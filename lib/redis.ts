import IORedis, { type Redis, type RedisOptions } from 'ioredis';

export type { Redis };

export interface RedisRoleOptions {
  /** Producers fail fast when Redis is down (the outbox retries); blocking consumers wait (BullMQ needs `null`). */
  role: 'producer' | 'consumer' | 'command';
}

/** One ioredis connection configured for its role, as DESIGN's BullMQ pitfalls ask. */
export function connectRedis(url: string, { role }: RedisRoleOptions): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: role === 'consumer' ? null : 1,
    enableOfflineQueue: role !== 'producer',
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  };
  const client = new IORedis(url, options);
  // ioredis reconnects by itself; without a listener an 'error' event would crash the process.
  client.on('error', () => undefined);
  return client;
}
