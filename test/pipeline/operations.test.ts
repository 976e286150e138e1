import { ShenheProcess } from '../harness/processes';
import { RedisServer } from '../harness/redis-server';
import { tempDir } from '../harness/temp';
import { createTenant } from '../../domain/tenants';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { SecretBox } from '../../lib/secrets';
import { masterKey } from '../../lib/data-dir';
import { nowIso } from '../../lib/ids';

jest.setTimeout(60_000);

describe('operations', () => {
  let redis: RedisServer;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    redis = await new RedisServer({ appendOnly: false }).start();
  });
  afterAll(() => redis.stop());
  beforeEach(() => ({ dir, cleanup } = tempDir('shenhe-ops-')));
  afterEach(() => cleanup());

  it('answers /healthz and /readyz, finishes in-flight requests on SIGTERM, exits 0, and never logs secrets', async () => {
    const store = new SqliteStore(dir);
    const t = await createTenant(store, new SecretBox(masterKey(dir)), 'ops', null);
    await store.registerOfficer(
      {
        id: 'of_1',
        tenantId: t.id,
        kind: 'security_officer',
        name: '赵六',
        phone: '13900139000',
        email: 'z@example.cn',
        createdAt: nowIso(),
        updatedAt: nowIso(),
      },
      { type: 'cli', id: null, name: 't', ip: null },
    );
    await store.close();
    const p = new ShenheProcess(['start'], {
      REDIS_URL: redis.url,
      SHENHE_DATA_DIR: dir,
      PORT: '0',
      LOG_LEVEL: 'debug',
      SHENHE_ADMIN_PASSWORD: 'admin-secret-pw-1',
    });
    const url = await p.listening();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ ok: true, checks: { redis: true, store: true } });
    await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin-secret-pw-1' }),
    });

    const inflight = Array.from({ length: 30 }, (_, i) =>
      fetch(`${url}/v1/contents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ externalId: `g-${i}`, text: '优雅关闭' }),
      }).then(
        (r) => r.status,
        () => 0,
      ),
    );
    await new Promise((r) => setTimeout(r, 5));
    p.proc.kill('SIGTERM');
    const statuses = await Promise.all(inflight);
    expect(await p.exit()).toBe(0);
    // Every request either completed (202) or was never accepted by the closing server (connection refused).
    expect(statuses.every((s) => s === 202 || s === 0)).toBe(true);
    const check = new SqliteStore(dir);
    expect((check.db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n).toBe(statuses.filter((s) => s === 202).length);
    await check.close();
    for (const secret of [t.apiKey, t.webhookSecret, 'admin-secret-pw-1']) expect(p.stderr + p.stdout).not.toContain(secret);
  });
});
