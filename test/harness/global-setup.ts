import { RedisServer } from './redis-server';

/** One private redis-server shared by the ordinary tests; its URL reaches them as SHENHE_TEST_REDIS_URL. */
export default async function globalSetup(): Promise<void> {
  const server = await new RedisServer({ appendOnly: false }).start();
  process.env.SHENHE_TEST_REDIS_URL = server.url;
  (globalThis as { __shenheRedis?: RedisServer }).__shenheRedis = server;
}
