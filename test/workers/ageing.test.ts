import { Queue } from 'bullmq';
import { connectRedis } from '../../lib/redis';
import { Housekeeping } from '../../workers/housekeeping';
import { TestSystem } from '../harness/system';

type Claim = { item: { id: string }; lease: { id: string } };

describe('review queue ageing', () => {
  it('raises a waiting low-risk item above newer high-risk ones once it has waited long enough', async () => {
    const sys = await TestSystem.start();
    const conn = connectRedis(process.env.SHENHE_TEST_REDIS_URL as string, { role: 'consumer' });
    const prefix = sys.runtime.config.queuePrefix;
    const reviewQueue = new Queue('review', { connection: conn, prefix });
    const hk = new Housekeeping({ store: sys.store, connection: conn, logger: sys.runtime.logger, reviewQueue, prefix });
    try {
      const tenant = await sys.tenant();
      const post = async (externalId: string, text: string): Promise<string> => {
        const { body } = await sys.post<{ id: string }>(tenant, { externalId, text });
        await sys.until(async () => (await sys.store.getItem(body.id))?.status === 'pending_review', 10_000);
        return body.id;
      };
      const old = await post('old-low', '很普通的一句话');
      const high = await post('new-high', '详情加微信');
      await sys.until(async () => (await reviewQueue.getJobCounts('prioritized')).prioritized === 2, 5000, 'jobs');
      // Two hours later by the ageing clock: the old item has gained more than the risk difference.
      expect(await hk.agePriorities(Date.now() + 2 * 3600_000)).toBeGreaterThan(0);
      const mod = await sys.staff('moderator');
      const first = await mod.post<Claim>('/api/review/claim');
      expect(first.body.item.id).toBe(old);
      const second = await mod.post<Claim>('/api/review/claim');
      expect(second.body.item.id).toBe(high);
    } finally {
      await hk.close();
      await reviewQueue.close();
      conn.disconnect();
      await sys.close();
    }
  });
});
