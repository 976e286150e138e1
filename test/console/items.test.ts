import { TestSystem, type StaffClient, type TestTenant } from '../harness/system';
import { drain, pendingItem } from './helpers';
import { sqliteOf } from '../harness/fixtures';

interface ListAnswer {
  items: Array<{ id: string; status: string; categories: string[]; snippet: string }>;
  total: number;
}

describe('console API: lists, author history, bulk decisions', () => {
  let sys: TestSystem;
  let tenant: TestTenant;
  let mod: StaffClient;

  beforeAll(async () => {
    sys = await TestSystem.start();
    tenant = await sys.tenant();
    mod = await sys.staff('moderator');
  });
  afterAll(async () => sys.close());

  it('lists pending items with text, category, author and risk filters, and pages', async () => {
    const a = await pendingItem(sys, tenant, { text: '列表测试甲 有需要可以加微信详聊', author: { id: 'list-author' } });
    const b = await pendingItem(sys, tenant, { text: '列表测试乙 今天天气很好', author: { id: 'list-author' } });
    const byText = await mod.get<ListAnswer>('/api/items?status=pending&q=列表测试');
    expect(byText.status).toBe(200);
    expect(byText.body.items.map((i) => i.id).sort()).toEqual([a, b].sort());
    const byCategory = await mod.get<ListAnswer>('/api/items?status=pending&q=列表测试&category=advertising');
    expect(byCategory.body.items.map((i) => i.id)).toEqual([a]);
    expect(byCategory.body.items[0].categories).toContain('advertising');
    const byRisk = await mod.get<ListAnswer>('/api/items?status=pending&q=列表测试&riskMin=0.5');
    expect(byRisk.body.items.map((i) => i.id)).toEqual([a]);
    const paged = await mod.get<ListAnswer & { page: number }>('/api/items?status=pending&author=list-author&pageSize=1&page=2');
    expect(paged.body.total).toBe(2);
    expect(paged.body.items).toHaveLength(1);
    // LIKE wildcards in the search are taken literally.
    expect((await mod.get<ListAnswer>('/api/items?status=pending&q=%25')).body.total).toBe(0);
    expect((await mod.get('/api/items?status=nonsense')).status).toBe(400);
  });

  it("answers an item's author history with outcomes", async () => {
    const first = await pendingItem(sys, tenant, { text: '历史一', author: { id: 'hist-author' } });
    const second = await pendingItem(sys, tenant, { text: '历史二', author: { id: 'hist-author' } });
    const r = await mod.get<{ items: Array<{ id: string }>; outcomes: Record<string, number> }>(`/api/items/${second}/author-history`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i) => i.id)).toEqual([first]);
    expect(r.body.outcomes).toEqual({ pending_review: 1 });
  });

  it('bulk-approves and bulk-rejects through per-item leases: one decision and one audit row each', async () => {
    const ids = [await pendingItem(sys, tenant, { text: '批量一' }), await pendingItem(sys, tenant, { text: '批量二' })];
    const senior = await sys.staff('senior');
    const approved = await senior.post<{ results: Array<{ itemId: string; ok: boolean }>; decided: number }>('/api/review/bulk', {
      itemIds: ids,
      action: 'approve',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.decided).toBe(2);
    for (const id of ids) {
      expect(sqliteOf(sys.store).decisions.forItem(id)).toHaveLength(1);
      expect(
        sqliteOf(sys.store)
          .auditLog.list({ limit: 10, targetType: 'item', targetId: id })
          .map((e) => e.action)
          .sort(),
      ).toEqual(['review.approve', 'review.claim']);
    }
    // Decided items are not waiting any more: a second bulk action reports them and changes nothing.
    const again = await senior.post<{ results: Array<{ ok: boolean; error?: { code: string } }> }>('/api/review/bulk', {
      itemIds: ids,
      action: 'reject',
      categories: ['advertising'],
    });
    expect(again.body.results.every((r) => !r.ok && r.error?.code === 'NOT_WAITING')).toBe(true);
    expect((await senior.post('/api/review/bulk', { itemIds: ids, action: 'reject' })).status).toBe(400);

    const c = await pendingItem(sys, tenant, { text: '批量三' });
    const rejected = await mod.post<{ decided: number }>('/api/review/bulk', { itemIds: [c], action: 'reject', categories: ['rumor'] });
    expect(rejected.body.decided).toBe(1);
    expect(sqliteOf(sys.store).decisions.forItem(c)[0]).toMatchObject({ action: 'reject', categories: ['rumor'] });
    // Nothing left in the queue from the bulk-taken items (other tests' items may still wait).
    const handedOut = await drain(mod);
    expect(handedOut.filter((x) => [...ids, c].includes(x))).toEqual([]);
  });

  it("leaves escalated items to seniors and items in someone else's review alone", async () => {
    await drain(mod);
    const id = await pendingItem(sys, tenant, { text: '上报后批量' });
    const claimed = await mod.post<{ item: { id: string }; lease: { id: string } }>('/api/review/claim');
    expect(claimed.body.item.id).toBe(id);
    const other = await sys.staff('moderator');
    const busy = await other.post<{ results: Array<{ ok: boolean }> }>('/api/review/bulk', { itemIds: [id], action: 'approve' });
    expect(busy.body.results[0].ok).toBe(false);
    await mod.post(`/api/review/leases/${claimed.body.lease.id}/decision`, { action: 'escalate', note: '请复核' });
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, id)).body.status === 'escalated', 10_000);
    const byMod = await mod.post<{ results: Array<{ ok: boolean }> }>('/api/review/bulk', { itemIds: [id], action: 'approve' });
    expect(byMod.body.results[0].ok).toBe(false);
    const senior = await sys.staff('senior');
    const bySenior = await senior.post<{ results: Array<{ ok: boolean }> }>('/api/review/bulk', { itemIds: [id], action: 'approve' });
    expect(bySenior.body.results[0].ok).toBe(true);
    expect(
      sqliteOf(sys.store)
        .decisions.forItem(id)
        .map((d) => d.action),
    ).toEqual(['escalate', 'approve']);
    expect((await senior.post('/api/review/claim')).status).toBe(204);
  });

  it('refuses bulk decisions to auditors and without the CSRF token', async () => {
    const id = await pendingItem(sys, tenant, { text: '权限测试' });
    const auditor = await sys.staff('auditor');
    expect((await auditor.post('/api/review/bulk', { itemIds: [id], action: 'approve' })).status).toBe(403);
    const noCsrf = await mod.request('POST', '/api/review/bulk', { itemIds: [id], action: 'approve' }, { 'x-csrf-token': 'wrong' });
    expect(noCsrf.status).toBe(403);
    expect((await fetch(`${sys.url}/api/items`)).status).toBe(401);
    expect(sqliteOf(sys.store).decisions.forItem(id)).toHaveLength(0);
  });
});
