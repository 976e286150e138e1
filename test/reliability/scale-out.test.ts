/**
 * CONTRACT §10 on real processes: two API and two worker processes, each with its own data dir, share one PostgreSQL
 * store and one Redis. One API and one worker are SIGKILLed mid-run and replaced by fresh processes on fresh data
 * dirs; every item is still screened, decided and delivered exactly once, and the audit chain verifies.
 */
import { randomBytes } from 'node:crypto';
import { createTenant } from '../../domain/tenants';
import { masterKey } from '../../lib/data-dir';
import { newId, nowIso } from '../../lib/ids';
import { SecretBox } from '../../lib/secrets';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/store';
import { testDatabases } from '../harness/postgres';
import { ShenheProcess } from '../harness/processes';
import { postContent } from '../harness/contents';
import { WebhookReceiver } from '../harness/receiver';
import { RedisServer } from '../harness/redis-server';
import { StaffClient, waitFor, type TestTenant } from '../harness/system';
import { tempDir } from '../harness/temp';

jest.setTimeout(240_000);

const ADMIN_PASSWORD = 'admin-pass-123';
const MASTER_KEY = randomBytes(32).toString('hex');
const TERMINAL = new Set(['published', 'blocked', 'rejected']);
const ALL = ['screening', 'pending_review', 'escalated', 'appealed', 'in_review', 'approved', 'published', 'blocked', 'rejected'] as const;

describe('scale-out: several API and worker processes on one PostgreSQL store', () => {
  const databases = testDatabases();
  let redis: RedisServer;
  let receiver: WebhookReceiver;
  let databaseUrl: string;
  let store: Store;
  const dirs: Array<() => void> = [];
  const procs: ShenheProcess[] = [];

  beforeEach(async () => {
    redis = await new RedisServer({ appendOnly: true }).start();
    receiver = await new WebhookReceiver().start();
    databaseUrl = await databases.fresh();
  });
  afterEach(async () => {
    await Promise.all(procs.splice(0).map((p) => p.kill('SIGKILL')));
    await store?.close();
    await receiver.close();
    await redis.stop();
    for (const cleanup of dirs.splice(0)) cleanup();
  });
  afterAll(() => databases.dropAll());

  /** A data dir of its own for every process: nothing shared may live there. */
  const ownDir = (): string => {
    const { dir, cleanup } = tempDir('shenhe-scale-');
    dirs.push(cleanup);
    return dir;
  };
  const start = (role: 'api' | 'worker'): ShenheProcess => {
    const p = new ShenheProcess([role], {
      REDIS_URL: redis.url,
      SHENHE_DATABASE_URL: databaseUrl,
      SHENHE_MASTER_KEY: MASTER_KEY,
      SHENHE_DATA_DIR: ownDir(),
      PORT: '0',
      SHENHE_WEBHOOK_ALLOW_PRIVATE: 'true',
      SHENHE_RATE_LIMIT_PER_TENANT: '0',
      SHENHE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SHENHE_WEBHOOK_RETRY_BASE_MS: '200',
      LOG_LEVEL: 'info',
    });
    procs.push(p);
    return p;
  };

  async function setupTenant(): Promise<TestTenant> {
    const dir = ownDir();
    store = await openStore({ dataDir: dir, databaseUrl });
    const t = await createTenant(store, new SecretBox(masterKey(dir, MASTER_KEY)), 'site', receiver.url);
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
  }

  const statuses = async (): Promise<Array<{ id: string; status: string }>> => store.itemsInStatus([...ALL]);

  it('screens, decides and delivers every item exactly once while an API and a worker are killed and replaced', async () => {
    const tenant = await setupTenant();
    const [a1, a2] = [start('api'), start('api')];
    const [w1, w2] = [start('worker'), start('worker')];
    const urls = await Promise.all([a1.listening(), a2.listening()]);
    await Promise.all([w1.logged('workers started'), w2.logged('workers started')]);

    // A burst through both APIs; at 60 answers, one API and one worker die without warning.
    const total = 160;
    const answered = new Map<number, string>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async (_, poster) => {
        while (next < total) {
          const i = next++;
          if (answered.size >= 60 && a1.proc.exitCode === null) {
            void a1.kill('SIGKILL');
            void w1.kill('SIGKILL');
          }
          const r = await postContent(urls[poster % 2], tenant, i);
          if (r.id && (r.status === 202 || r.status === 200)) answered.set(i, r.id);
        }
      }),
    );
    expect(answered.size).toBeGreaterThanOrEqual(60);

    // Fresh processes on fresh data dirs take over; the site retries what got no answer (same id for what was accepted).
    const a3 = start('api');
    const w3 = start('worker');
    const url3 = await a3.listening();
    await w3.logged('workers started');
    for (let i = 0; i < total; i++) {
      const r = await postContent(i % 2 ? urls[1] : url3, tenant, i);
      expect([200, 202]).toContain(r.status);
      if (answered.has(i)) expect(r.id).toBe(answered.get(i));
    }

    // Two moderators on two API processes approve whatever comes until every item is terminal.
    const mods = await Promise.all([urls[1], url3].map((u) => StaffClient.login(u, 'admin', ADMIN_PASSWORD)));
    await waitFor(
      async () => {
        const claims = await Promise.all(mods.map((m) => m.post<{ lease: { id: string } }>('/api/review/claim')));
        await Promise.all(
          claims.map((c, k) => (c.status === 200 ? mods[k].post(`/api/review/leases/${c.body.lease.id}/decision`, { action: 'approve' }) : null)),
        );
        const rows = await statuses();
        return rows.length === total && rows.every((r) => TERMINAL.has(r.status)) && claims.every((c) => c.status === 204);
      },
      150_000,
      'every item to reach a terminal state',
    );
    await waitFor(async () => (await store.pendingDeliveries()).length === 0, 60_000, 'deliveries');

    // Exactly once: one terminal status, one deciding decision, one delivered webhook (one delivery id at the site).
    const rows = await statuses();
    expect(rows).toHaveLength(total);
    for (const { id } of rows) {
      const deciding = (await store.decisionsOf(id)).filter((d) => ['approve', 'reject', 'block'].includes(d.action));
      expect(deciding).toHaveLength(1);
      const verdict = await store.getVerdict(id);
      expect(verdict).not.toBeNull();
      const delivered = (await store.listDeliveries({ limit: 500, tenantId: tenant.id, status: 'delivered' })).filter((d) => d.itemId === id);
      expect(delivered).toHaveLength(1);
      const seen = new Set(
        receiver
          .delivered()
          .filter((r) => r.body.id === id)
          .map((r) => r.headers['x-shenhe-delivery']),
      );
      expect([...seen]).toEqual([delivered[0].id]);
    }
    // One audit order across every process, vouched for by an anchor any machine can read.
    expect(await store.verifyAuditTrail()).toMatchObject({ ok: true });
  });
});
