import { createTenant } from '../../domain/tenants';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { masterKey } from '../../lib/data-dir';
import { newId, nowIso } from '../../lib/ids';
import { SecretBox } from '../../lib/secrets';
import { ShenheProcess } from '../harness/processes';
import { postContent } from '../harness/contents';
import { WebhookReceiver } from '../harness/receiver';
import { RedisServer } from '../harness/redis-server';
import { StaffClient, waitFor, type TestTenant } from '../harness/system';
import { tempDir } from '../harness/temp';

jest.setTimeout(180_000);

const ADMIN_PASSWORD = 'admin-pass-123';
const TERMINAL = new Set(['published', 'blocked', 'rejected']);

describe('reliability: crashes, Redis restarts and wipes', () => {
  let redis: RedisServer;
  let dir: string;
  let cleanup: () => void;
  let receiver: WebhookReceiver;
  const procs: ShenheProcess[] = [];

  beforeEach(async () => {
    redis = await new RedisServer({ appendOnly: true }).start();
    ({ dir, cleanup } = tempDir('shenhe-rel-'));
    receiver = await new WebhookReceiver().start();
  });
  afterEach(async () => {
    await Promise.all(procs.splice(0).map((p) => p.kill('SIGKILL')));
    await receiver.close();
    await redis.stop();
    cleanup();
  });

  const env = (): Record<string, string> => ({
    REDIS_URL: redis.url,
    SHENHE_DATA_DIR: dir,
    PORT: '0',
    SHENHE_WEBHOOK_ALLOW_PRIVATE: 'true',
    SHENHE_RATE_LIMIT_PER_TENANT: '0',
    SHENHE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SHENHE_WEBHOOK_RETRY_BASE_MS: '200',
    LOG_LEVEL: 'info',
  });
  const api = (): ShenheProcess => {
    const p = new ShenheProcess(['api'], env());
    procs.push(p);
    return p;
  };
  const worker = (): ShenheProcess => {
    const p = new ShenheProcess(['worker'], env());
    procs.push(p);
    return p;
  };

  async function setupTenant(): Promise<TestTenant> {
    const store = new SqliteStore(dir);
    try {
      const t = await createTenant(store, new SecretBox(masterKey(dir)), 'site', receiver.url);
      await store.registerOfficer(
        {
          id: newId('of'),
          tenantId: t.id,
          kind: 'security_officer',
          name: '李四',
          phone: '010-12345678',
          email: 'li@example.cn',
          createdAt: nowIso(),
          updatedAt: nowIso(),
        },
        { type: 'cli', id: null, name: 'test', ip: null },
      );
      return t;
    } finally {
      await store.close();
    }
  }

  /** A moderator who approves whatever comes, until every listed item is terminal. */
  async function approveAll(url: string, store: SqliteStore, count: number): Promise<void> {
    const mod = await StaffClient.login(url, 'admin', ADMIN_PASSWORD);
    await waitFor(
      async () => {
        const c = await mod.post<{ lease: { id: string } }>('/api/review/claim');
        if (c.status === 200) await mod.post(`/api/review/leases/${c.body.lease.id}/decision`, { action: 'approve' });
        const rows = store.db.prepare('SELECT status, COUNT(*) AS n FROM items GROUP BY status').all() as Array<{ status: string; n: number }>;
        const terminal = rows.filter((r) => TERMINAL.has(r.status)).reduce((s, r) => s + r.n, 0);
        return terminal === count && c.status === 204;
      },
      120_000,
      'every item to reach a terminal state',
    );
  }

  /** Every item ended exactly once: one terminal status, at most one human approval, one delivered event each. */
  function assertExactlyOnce(store: SqliteStore, count: number): void {
    const items = store.db.prepare('SELECT id, status FROM items').all() as Array<{ id: string; status: string }>;
    expect(items).toHaveLength(count);
    for (const item of items) {
      expect(TERMINAL.has(item.status)).toBe(true);
      const decisions = store.db.prepare(`SELECT action FROM decisions WHERE item_id = ? AND action IN ('approve','reject','block')`).all(item.id);
      expect(decisions).toHaveLength(1);
      const delivered = store.db.prepare(`SELECT id FROM webhook_deliveries WHERE item_id = ? AND status = 'delivered'`).all(item.id) as Array<{ id: string }>;
      expect(delivered).toHaveLength(1);
      const seen = new Set(
        receiver
          .delivered()
          .filter((r) => r.body.id === item.id)
          .map((r) => r.headers['x-shenhe-delivery']),
      );
      expect([...seen]).toEqual([delivered[0].id]);
    }
  }

  it('loses nothing when the API is SIGKILLed mid-burst and a worker mid-job', async () => {
    const tenant = await setupTenant();
    const a1 = api();
    const w1 = worker();
    const url1 = await a1.listening();
    await w1.logged('workers started');
    const total = 150;
    const answered = new Map<number, string>();
    let next = 0;
    const killAt = 60;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < total) {
          const i = next++;
          if (answered.size >= killAt && a1.proc.exitCode === null) void a1.kill('SIGKILL');
          const r = await postContent(url1, tenant, i);
          if (r.id && (r.status === 202 || r.status === 200)) answered.set(i, r.id);
        }
      }),
    );
    await w1.kill('SIGKILL');
    expect(answered.size).toBeGreaterThanOrEqual(killAt);
    expect(answered.size).toBeLessThan(total);

    const a2 = api();
    worker();
    const url2 = await a2.listening();
    // The site retries what never got an answer; accepted items answer 200 with the same id.
    for (let i = 0; i < total; i++) {
      const r = await postContent(url2, tenant, i);
      expect([200, 202]).toContain(r.status);
      if (answered.has(i)) expect(r.id).toBe(answered.get(i));
    }
    const store = new SqliteStore(dir);
    try {
      await approveAll(url2, store, total);
      await waitFor(
        async () => (store.db.prepare(`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'`).get() as { n: number }).n === 0,
        60_000,
        'deliveries',
      );
      assertExactlyOnce(store, total);
    } finally {
      await store.close();
    }
  });

  it('finishes everything after Redis is SIGKILLed and restarted from its append-only file', async () => {
    const tenant = await setupTenant();
    const a = api();
    const w = worker();
    const url = await a.listening();
    await w.logged('workers started');
    for (let i = 0; i < 40; i++) expect((await postContent(url, tenant, i)).status).toBe(202);
    await redis.kill('SIGKILL');
    // Ingest keeps working while Redis is down: the store and the outbox are enough.
    for (let i = 40; i < 60; i++) expect((await postContent(url, tenant, i)).status).toBe(202);
    await redis.start();
    const store = new SqliteStore(dir);
    try {
      await approveAll(url, store, 60);
      await waitFor(
        async () => (store.db.prepare(`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'`).get() as { n: number }).n === 0,
        60_000,
        'deliveries',
      );
      assertExactlyOnce(store, 60);
    } finally {
      await store.close();
    }
  });

  it('rebuilds screen, review and publish work from the store when Redis is replaced by an empty one', async () => {
    const tenant = await setupTenant();
    receiver.failFirst = 3;
    const a = api();
    const w = worker();
    const url = await a.listening();
    await w.logged('workers started');
    const store = new SqliteStore(dir);
    try {
      for (let i = 0; i < 30; i++) expect((await postContent(url, tenant, i)).status).toBe(202);
      await waitFor(
        async () => (store.db.prepare(`SELECT COUNT(*) AS n FROM items WHERE status = 'pending_review'`).get() as { n: number }).n >= 20,
        30_000,
        'screening',
      );
      // Approve a few so that deliveries are waiting on retries when Redis goes.
      const mod = await StaffClient.login(url, 'admin', ADMIN_PASSWORD);
      for (let i = 0; i < 5; i++) {
        const c = await mod.post<{ lease: { id: string } }>('/api/review/claim');
        if (c.status === 200) await mod.post(`/api/review/leases/${c.body.lease.id}/decision`, { action: 'approve' });
      }
      await redis.wipe();
      for (let i = 30; i < 40; i++) expect((await postContent(url, tenant, i)).status).toBe(202);
      await approveAll(url, store, 40);
      await waitFor(
        async () => (store.db.prepare(`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'`).get() as { n: number }).n === 0,
        90_000,
        'deliveries',
      );
      assertExactlyOnce(store, 40);
      // Retries of one event keep its delivery id.
      const failed = receiver.received.filter((r) => r.answeredWith === 500);
      expect(failed.length).toBeGreaterThan(0);
      for (const f of failed) expect(receiver.delivered().some((d) => d.headers['x-shenhe-delivery'] === f.headers['x-shenhe-delivery'])).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('shares the work between several API and worker processes without handing one item to two moderators', async () => {
    const tenant = await setupTenant();
    const apis = [api(), api()];
    const ws = [worker(), worker()];
    const urls = await Promise.all(apis.map((a) => a.listening()));
    await Promise.all(ws.map((w) => w.logged('workers started')));
    const total = 80;
    await Promise.all(Array.from({ length: total }, (_, i) => postContent(urls[i % 2], tenant, i)));
    const store = new SqliteStore(dir);
    try {
      await waitFor(
        async () => (store.db.prepare(`SELECT COUNT(*) AS n FROM items WHERE status = 'screening'`).get() as { n: number }).n === 0,
        60_000,
        'screening',
      );
      // Four moderators on two API processes claim concurrently until nothing waits.
      const mods = await Promise.all([0, 1, 2, 3].map((i) => StaffClient.login(urls[i % 2], 'admin', ADMIN_PASSWORD)));
      const claimedBy = new Map<string, number>();
      await Promise.all(
        mods.map(async (mod, m) => {
          for (;;) {
            const c = await mod.post<{ item: { id: string }; lease: { id: string } }>('/api/review/claim');
            if (c.status === 204) return;
            expect(claimedBy.has(c.body.item.id)).toBe(false);
            claimedBy.set(c.body.item.id, m);
            expect((await mod.post(`/api/review/leases/${c.body.lease.id}/decision`, { action: 'approve' })).status).toBe(200);
          }
        }),
      );
      await waitFor(
        async () => (store.db.prepare(`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'`).get() as { n: number }).n === 0,
        60_000,
        'deliveries',
      );
      assertExactlyOnce(store, total);
      expect(new Set(claimedBy.values()).size).toBeGreaterThan(1);
    } finally {
      await store.close();
    }
  });
});
