import { TestSystem, type TestTenant } from '../harness/system';

type Claim = { item: { id: string; risk: number; text: string }; lease: { id: string; expiresAt: string } };

describe('moderator API (CONTRACT §5)', () => {
  let sys: TestSystem;
  let tenant: TestTenant;

  beforeAll(async () => {
    sys = await TestSystem.start({ env: { SHENHE_REVIEW_LEASE_SECONDS: '5' } });
    tenant = await sys.tenant();
  });
  afterAll(() => sys.close());

  /** Posts an item and waits until it waits for review. */
  async function pending(text: string): Promise<string> {
    const { body } = await sys.post<{ id: string }>(tenant, { externalId: `r-${Math.random()}`, text });
    await sys.until(async () => (await sys.store.getItem(body.id))?.status === 'pending_review', 10_000, 'pending_review');
    return body.id;
  }

  /** Claims until the queue is empty, approving everything (tests start from an empty queue). */
  async function drain(): Promise<void> {
    const admin = await sys.staff('admin');
    for (;;) {
      const c = await admin.post<Claim>('/api/review/claim');
      if (c.status === 204) return;
      await admin.post(`/api/review/leases/${c.body.lease.id}/decision`, { action: 'approve' });
    }
  }

  beforeEach(() => drain());

  it('logs in with a session cookie that is httpOnly and SameSite, and refuses wrong passwords with 401', async () => {
    const u = await sys.user('moderator');
    const ok = await fetch(`${sys.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(u) });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(await ok.json()).toMatchObject({ user: { username: u.username, role: 'moderator' }, csrfToken: expect.any(String) });
    const bad = await fetch(`${sys.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...u, password: 'wrong-password' }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_CREDENTIALS' } });
  });

  it('refuses state changes without the CSRF token (403) and without a session (401)', async () => {
    const mod = await sys.staff('moderator');
    const noCsrf = await mod.request('POST', '/api/review/claim', {}, { 'x-csrf-token': '' });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    const anon = await fetch(`${sys.url}/api/review/claim`, { method: 'POST' });
    expect(anon.status).toBe(401);
  });

  it('answers 204 when nothing waits, and 403 to an auditor', async () => {
    const mod = await sys.staff('moderator');
    expect((await mod.post('/api/review/claim')).status).toBe(204);
    const auditor = await sys.staff('auditor');
    const res = await auditor.post('/api/review/claim');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'ROLE_FORBIDDEN' } });
  });

  it('hands out the highest risk first, then the oldest', async () => {
    const low1 = await pending('今天天气很好');
    const high = await pending('有事加微信');
    const low2 = await pending('明天也不错');
    const mod = await sys.staff('moderator');
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await mod.post<Claim>('/api/review/claim');
      order.push(c.body.item.id);
      await mod.post(`/api/review/leases/${c.body.lease.id}/decision`, { action: 'approve' });
    }
    expect(order).toEqual([high, low1, low2]);
  });

  it('validates decisions: reject needs a category, unknown actions and categories are 400', async () => {
    await pending('需要驳回的内容');
    const mod = await sys.staff('moderator');
    const c = await mod.post<Claim>('/api/review/claim');
    const path = `/api/review/leases/${c.body.lease.id}/decision`;
    expect((await mod.post(path, { action: 'reject' })).body).toMatchObject({ error: { code: 'INVALID_BODY' } });
    expect((await mod.post(path, { action: 'publish' })).status).toBe(400);
    expect((await mod.post(path, { action: 'reject', categories: ['not_a_category'] })).status).toBe(400);
    expect((await mod.post(path, { action: 'reject', categories: ['fraud_insult'] })).status).toBe(200);
  });

  it('gives 409 for a second decision, for someone else’s lease, and 404 for an unknown lease', async () => {
    await pending('两个人抢同一个');
    const a = await sys.staff('moderator');
    const b = await sys.staff('moderator');
    const c = await a.post<Claim>('/api/review/claim');
    const path = `/api/review/leases/${c.body.lease.id}/decision`;
    const foreign = await b.post(path, { action: 'approve' });
    expect(foreign.status).toBe(409);
    expect(foreign.body).toMatchObject({ error: { code: 'LEASE_NOT_YOURS' } });
    expect((await a.post(path, { action: 'approve' })).status).toBe(200);
    const second = await a.post(path, { action: 'reject', categories: ['rumor'] });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: { code: 'LEASE_EXPIRED' } });
    expect((await sys.store.getItem(c.body.item.id))?.status).toBe('published');
    expect((await a.post('/api/review/leases/ls_unknown/decision', { action: 'approve' })).status).toBe(404);
  });

  it('returns an abandoned claim to the queue when its lease expires, and refuses the late decision with 409', async () => {
    const id = await pending('被放弃的领取');
    const a = await sys.staff('moderator');
    const c = await a.post<Claim>('/api/review/claim');
    expect(c.body.item.id).toBe(id);
    const b = await sys.staff('moderator');
    const reclaimed = await sys.until(
      async () => {
        const r = await b.post<Claim>('/api/review/claim');
        return r.status === 200 ? r : null;
      },
      20_000,
      'the expired claim to return',
    );
    expect(reclaimed.body.item.id).toBe(id);
    const late = await a.post(`/api/review/leases/${c.body.lease.id}/decision`, { action: 'approve' });
    expect(late.status).toBe(409);
    expect((await b.post(`/api/review/leases/${reclaimed.body.lease.id}/decision`, { action: 'approve' })).status).toBe(200);
  });

  it('keeps a claim alive with heartbeats past the lease length', async () => {
    const id = await pending('心跳续租');
    const a = await sys.staff('moderator');
    const c = await a.post<Claim>('/api/review/claim');
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 2000));
      const ext = await a.post<{ expiresAt: string }>(`/api/review/leases/${c.body.lease.id}/extend`);
      expect(ext.status).toBe(200);
      expect(Date.parse(ext.body.expiresAt)).toBeGreaterThan(Date.now());
    }
    const b = await sys.staff('moderator');
    expect((await b.post('/api/review/claim')).status).toBe(204);
    expect((await a.post(`/api/review/leases/${c.body.lease.id}/decision`, { action: 'approve' })).status).toBe(200);
    expect((await sys.store.getItem(id))?.status).toBe('published');
  });

  it('sends escalated items to seniors only', async () => {
    const id = await pending('需要上报的内容');
    const mod = await sys.staff('moderator');
    const c = await mod.post<Claim>('/api/review/claim');
    expect((await mod.post(`/api/review/leases/${c.body.lease.id}/decision`, { action: 'escalate', note: '拿不准' })).status).toBe(200);
    expect((await sys.store.getItem(id))?.status).toBe('escalated');
    await sys.until(async () => (await sys.store.pendingOutbox(10)).length === 0, 5000, 'relay');
    expect((await mod.post('/api/review/claim')).status).toBe(204);
    const senior = await sys.staff('senior');
    const sc = await senior.post<Claim>('/api/review/claim');
    expect(sc.body.item.id).toBe(id);
    expect((await senior.post(`/api/review/leases/${sc.body.lease.id}/decision`, { action: 'reject', categories: ['rumor'] })).status).toBe(200);
  });

  it('reports the queue on the dashboard', async () => {
    await pending('等待中');
    const mod = await sys.staff('moderator');
    const d = await mod.get<{ queue: Record<string, number> }>('/api/dashboard');
    expect(d.status).toBe(200);
    expect(d.body.queue).toEqual({ waiting: 1, inReview: 0, escalated: 0, oldestWaitingSeconds: expect.any(Number) });
  });

  it('serves item images only to logged-in staff', async () => {
    const res = await fetch(`${sys.url}/api/items/it_x/images/0`);
    expect(res.status).toBe(401);
  });
});
