import { pendingItem } from '../console/helpers';
import { TestSystem, type StaffClient, type TestTenant } from '../harness/system';
import { tempDir } from '../harness/temp';
import type { Label, Verdict } from '../../rules/types';
import { promo } from './promo';
import { sqliteOf } from '../harness/fixtures';

const REFRESH_ENV = { SHENHE_LEARNING_REFRESH_MS: '200' };

async function verdictOf(sys: TestSystem, itemId: string): Promise<Verdict> {
  return (await sys.store.getVerdict(itemId))!.body;
}

const learned = (v: Verdict): Label | undefined => v.labels.find((l) => l.source === 'learned');

/** Posts `n` variants and rejects them through the bulk path (each claimed and decided under its own lease). */
async function rejectPromos(sys: TestSystem, tenant: TestTenant, mod: StaffClient, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await pendingItem(sys, tenant, { text: promo(i) }));
  const r = await mod.post<{ decided: number }>('/api/review/bulk', { itemIds: ids, action: 'reject', categories: ['advertising'] });
  expect(r.body.decided).toBe(n);
  return ids;
}

/** Posts fresh variants until one gets a learned label (the state refreshes in the background of screening). */
async function untilLearned(sys: TestSystem, tenant: TestTenant): Promise<Verdict> {
  let n = 100;
  return sys.until(
    async () => {
      const v = await verdictOf(sys, await pendingItem(sys, tenant, { text: promo(n++) }));
      return learned(v) ? v : null;
    },
    60_000,
    'a learned label',
  );
}

describe('learning from moderators through the real pipeline', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await TestSystem.start({ env: REFRESH_ENV });
  });
  afterAll(async () => {
    await sys.close();
  });

  it('labels near-duplicates of rejected items within 60 s, with the reason and an example, without blocking', async () => {
    const tenant = await sys.tenant();
    const mod = await sys.staff('moderator');
    const rejected = await rejectPromos(sys, tenant, mod, 3);
    const v = await untilLearned(sys, tenant);
    const label = learned(v)!;
    expect(label).toMatchObject({
      category: 'advertising',
      label: 'learned',
      source: 'learned',
      hits: [],
      reason: expect.stringContaining('与 3 条已驳回内容相似'),
    });
    expect(rejected).toContain(label.similarTo);
    expect(v.suggestion).toBe('review');
  });

  it("leaves another tenant's verdicts byte-for-byte unchanged", async () => {
    const [a, b] = [await sys.tenant(), await sys.tenant()];
    const mod = await sys.staff('moderator');
    const text = promo(200);
    const before = await verdictOf(sys, await pendingItem(sys, b, { text }));
    await rejectPromos(sys, a, mod, 3);
    await untilLearned(sys, a);
    const after = await verdictOf(sys, await pendingItem(sys, b, { text }));
    expect(JSON.stringify({ ...after, id: 'x' })).toBe(JSON.stringify({ ...before, id: 'x' }));
  });

  it('shows a tenant its learned state and lets an admin reset it, audited', async () => {
    const tenant = await sys.tenant();
    const mod = await sys.staff('moderator');
    await rejectPromos(sys, tenant, mod, 3);
    await untilLearned(sys, tenant);
    const admin = await sys.staff('admin');
    const seen = await admin.get<{ learning: { examples: number; rejections: Record<string, number>; memoryBytes: number; lastUpdate: string } }>(
      `/api/console/learning/${tenant.id}`,
    );
    expect(seen.status).toBe(200);
    expect(seen.body.learning).toMatchObject({ examples: 3, rejections: { advertising: 3 } });
    expect(seen.body.learning.memoryBytes).toBeGreaterThan(0);
    expect(seen.body.learning.lastUpdate).toEqual(expect.any(String));

    expect((await mod.post(`/api/console/learning/${tenant.id}/reset`)).status).toBe(403);
    const reset = await admin.post<{ deleted: number; learning: { examples: number } }>(`/api/console/learning/${tenant.id}/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ deleted: 3, learning: { examples: 0 } });
    const audit = sqliteOf(sys.store).auditLog.list({ limit: 50, targetType: 'tenant', targetId: tenant.id });
    expect(audit.find((e) => e.action === 'learning.reset')).toMatchObject({ details: { examples: 3 } });

    // Within one refresh every worker has forgotten: new variants get no learned label.
    await new Promise((r) => setTimeout(r, 500));
    const v = await verdictOf(sys, await pendingItem(sys, tenant, { text: promo(300) }));
    expect(learned(v)).toBeUndefined();
  });

  it('shows a waiting spam wave as one group and decides it item by item with one request', async () => {
    const tenant = await sys.tenant();
    const wave: string[] = [];
    for (let i = 0; i < 4; i++) wave.push(await pendingItem(sys, tenant, { text: promo(500 + i) }));
    const unrelated = await pendingItem(sys, tenant, { text: '今天天气很好，我们一起去公园散步，然后回家吃饭' });
    const mod = await sys.staff('moderator');
    const group = await mod.get<{ total: number; items: Array<{ id: string }> }>(`/api/review/similar/${wave[0]}`);
    expect(group.status).toBe(200);
    expect(group.body.total).toBe(3);
    expect(group.body.items.map((i) => i.id).sort()).toEqual(wave.slice(1).sort());
    expect(group.body.items.map((i) => i.id)).not.toContain(unrelated);

    const waves = await mod.get<{ waves: Array<{ tenantId: string; size: number; itemIds: string[] }> }>(`/api/review/waves?tenant=${tenant.id}`);
    expect(waves.body).toMatchObject({ waves: [expect.anything()] });
    expect(waves.body.waves).toHaveLength(1);
    expect(waves.body.waves[0]).toMatchObject({ tenantId: tenant.id, size: 4 });
    expect([...waves.body.waves[0].itemIds].sort()).toEqual([...wave].sort());
    expect((await mod.get(`/api/review/waves?tenant=${'x'.repeat(100)}`)).body).toMatchObject({ error: { code: 'INVALID_QUERY' } });

    const r = await mod.post<{ decided: number }>('/api/review/bulk', { itemIds: wave, action: 'reject', categories: ['advertising'] });
    expect(r.body.decided).toBe(4);
    const decisions = await Promise.all(wave.map((id) => sys.store.latestDecision(id)));
    expect(new Set(decisions.map((d) => d!.id)).size).toBe(4);
    for (const id of wave) {
      expect(
        sqliteOf(sys.store)
          .auditLog.list({ limit: 10, targetType: 'item', targetId: id })
          .filter((e) => e.action === 'review.reject'),
      ).toHaveLength(1);
    }
    expect((await mod.get(`/api/review/similar/no-such-item`)).status).toBe(404);
  });

  it('answers 404 for an unknown tenant', async () => {
    const admin = await sys.staff('admin');
    const r = await admin.get('/api/console/learning/no-such-tenant');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ error: { code: 'TENANT_NOT_FOUND' } });
  });
});

describe('learned state across a restart', () => {
  it('keeps what was learned when the system stops and starts on the same data', async () => {
    const data = tempDir('shenhe-learn-');
    try {
      const first = await TestSystem.start({ env: REFRESH_ENV, dataDir: data.dir });
      const tenant = await first.tenant();
      await rejectPromos(first, tenant, await first.staff('moderator'), 3);
      await first.close();

      const second = await TestSystem.start({ env: REFRESH_ENV, dataDir: data.dir });
      try {
        // The very first item after the restart is labelled: the worker replays the stored examples.
        const v = await verdictOf(second, await pendingItem(second, tenant, { text: promo(400) }));
        expect(learned(v)).toMatchObject({ category: 'advertising', reason: expect.stringContaining('与 3 条已驳回内容相似') });
      } finally {
        await second.close();
      }
    } finally {
      data.cleanup();
    }
  });
});
