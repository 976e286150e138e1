import { ShenheProcess } from '../harness/processes';
import { tempDir } from '../harness/temp';

/** `shenhe worker --metrics-port` as a real process (needs `npm run build`). */
describe('shenhe worker --metrics-port', () => {
  it("serves the worker's own /metrics (token enforced), /healthz and /readyz, and nothing else", async () => {
    const tmp = tempDir('shenhe-worker-metrics-');
    const token = 'worker-metrics-token-0123456789';
    const worker = new ShenheProcess(['worker', '--queues', 'publish', '--metrics-port', '0'], {
      SHENHE_DATA_DIR: tmp.dir,
      REDIS_URL: process.env.SHENHE_TEST_REDIS_URL as string,
      SHENHE_QUEUE_PREFIX: `{wm${process.pid}}`,
      SHENHE_METRICS_TOKEN: token,
    });
    try {
      const url = await worker.listening();
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('# TYPE shenhe_webhook_deliveries_total counter');
      expect(text).toMatch(/^shenhe_review_waiting 0$/m);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${url}/openapi.json`)).status).toBe(404);
    } finally {
      expect(await worker.kill('SIGTERM')).toBe(0);
      tmp.cleanup();
    }
  });

  it('refuses a port that is not a number with a usage error (exit 2)', async () => {
    const tmp = tempDir('shenhe-worker-metrics-');
    const worker = new ShenheProcess(['worker', '--metrics-port', 'eighty'], { SHENHE_DATA_DIR: tmp.dir });
    expect(await worker.exit()).toBe(2);
    expect(worker.stderr).toContain('--metrics-port');
    tmp.cleanup();
  });
});
