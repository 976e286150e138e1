import { newId } from '../../lib/ids';
import { WebhookReceiver } from '../harness/receiver';
import { TestSystem, type StaffClient, type TestTenant } from '../harness/system';
import { sqliteOf } from '../harness/fixtures';

type Claim = { item: { id: string; appeal: null | { id: string; reason: string; original: { action: string; by: string | null } } }; lease: { id: string } };

// The EICAR test string: the malware pack blocks it without a human (an automatic block to appeal against).
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$' + 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

describe('appeals (CONTRACT §12)', () => {
  let sys: TestSystem;
  let receiver: WebhookReceiver;
  let tenant: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    sys = await TestSystem.start();
    tenant = await sys.tenant({ callbackUrl: receiver.url });
    other = await sys.tenant();
  });
  afterAll(async () => {
    await sys.close();
    await receiver.close();
  });

  async function appeal(t: TestTenant, id: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${sys.url}/v1/contents/${id}/appeals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function ingest(text: string): Promise<string> {
    const { body } = await sys.post<{ id: string }>(tenant, { externalId: newId('ap-test'), text });
    return body.id;
  }

  async function status(id: string): Promise<string | undefined> {
    return (await sys.store.getItem(id))?.status;
  }

  async function blockedItem(): Promise<string> {
    const id = await ingest(`附件说明 ${EICAR}`);
    await sys.until(async () => (await status(id)) === 'blocked', 15_000, 'blocked');
    return id;
  }

  /** An item rejected by `by` (through the lists' bulk action, which claims that one item under a lease). */
  async function rejectedBy(by: StaffClient, text: string): Promise<string> {
    const id = await ingest(text);
    await sys.until(async () => (await status(id)) === 'pending_review', 15_000, 'pending_review');
    const res = await by.post<{ decided: number }>('/api/review/bulk', { itemIds: [id], action: 'reject', categories: ['advertising'] });
    expect(res.body.decided).toBe(1);
    return id;
  }

  /** Claims from the escalated queue until this item comes up (or nothing is left). */
  async function claimAppeal(staff: StaffClient, id: string): Promise<Claim | null> {
    for (let i = 0; i < 20; i++) {
      const c = await staff.post<Claim>('/api/review/claim');
      if (c.status === 204) return null;
      if (c.body.item.id === id) return c.body;
      await staff.post(`/api/review/leases/${c.body.lease.id}/decision`, { action: 'approve' });
    }
    return null;
  }

  it('takes one appeal on a blocked item, shows it on the item, and refuses a second with 409', async () => {
    const id = await blockedItem();
    const first = await appeal(tenant, id, { reason: '这是杀毒软件的测试文件说明，不是病毒 🙏' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), status: 'pending' });
    expect(await status(id)).toBe('appealed');
    const polled = await sys.poll<{ status: string; appeal: Record<string, unknown> }>(tenant, id);
    expect(polled.body.status).toBe('appealed');
    expect(polled.body.appeal).toEqual({ id: first.body.id, status: 'pending', reason: '这是杀毒软件的测试文件说明，不是病毒 🙏', decidedAt: null });

    const second = await appeal(tenant, id, { reason: '再申诉一次' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: { code: 'APPEAL_NOT_ALLOWED' } });
  });

  it('refuses appeals on items that are not blocked or rejected (409), on other tenants’ items (404), and bad reasons (400)', async () => {
    const waiting = await ingest('今天天气很好');
    await sys.until(async () => (await status(waiting)) === 'pending_review', 15_000, 'pending_review');
    expect(await appeal(tenant, waiting, { reason: '为什么还没发布' })).toMatchObject({ status: 409, body: { error: { code: 'APPEAL_NOT_ALLOWED' } } });

    const blocked = await blockedItem();
    expect(await appeal(other, blocked, { reason: '不是我的' })).toMatchObject({ status: 404, body: { error: { code: 'CONTENT_NOT_FOUND' } } });
    expect(await appeal(tenant, blocked, { reason: '' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_BODY' } } });
    expect(await appeal(tenant, blocked, { reason: '长'.repeat(501) })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_BODY' } } });
    expect(await appeal(tenant, blocked, '{"reason":')).toMatchObject({ status: 400, body: { error: { code: 'INVALID_JSON' } } });
    // 500 emoji are 1,000 UTF-16 units but 500 characters: accepted.
    expect((await appeal(tenant, blocked, { reason: '😀'.repeat(500) })).status).toBe(201);
  });

  it('never lets the moderator who rejected an item claim or decide its appeal; another senior overturns it and it is published', async () => {
    const rejecter = await sys.staff('senior');
    const id = await rejectedBy(rejecter, '周末去公园散步，风景很好');
    const appealRes = await appeal(tenant, id, { reason: '这只是一条普通的分享' });
    expect(appealRes.status).toBe(201);

    // The rejecter's claims pass over the appeal, and the store refuses a lease or a decision by them outright.
    expect(await claimAppeal(rejecter, id)).toBeNull();
    const refused = await sys.store
      .openLease({
        itemId: id,
        user: (await sys.store.getUser(rejecter.user.id))!,
        queue: 'escalated',
        jobId: 'x',
        leaseId: newId('ls'),
        leaseSeconds: 60,
        ip: null,
      })
      .then(
        () => null,
        (e: Error & { code?: string }) => ({ code: e.code, message: e.message }),
      );
    expect(refused).toMatchObject({ code: 'APPEAL_GUARD' });
    const bulk = await rejecter.post<{ results: Array<{ ok: boolean; error?: { code: string } }> }>('/api/review/bulk', { itemIds: [id], action: 'approve' });
    expect(bulk.body.results[0]).toMatchObject({ ok: false, error: { code: 'APPEAL_GUARD' } });
    expect(await status(id)).toBe('appealed');

    // A moderator never sees appeals (they wait in the seniors' escalated queue).
    const moderator = await sys.staff('moderator');
    const modClaim = await moderator.post<Claim>('/api/review/claim');
    if (modClaim.status === 200) expect(modClaim.body.item.id).not.toBe(id);

    const senior = await sys.staff('senior');
    const claim = await claimAppeal(senior, id);
    expect(claim).not.toBeNull();
    expect(claim!.item.appeal).toMatchObject({ reason: '这只是一条普通的分享', original: { action: 'reject', by: rejecter.user.username } });
    const decided = await senior.post(`/api/review/leases/${claim!.lease.id}/decision`, { action: 'approve', note: '申诉成立' });
    expect(decided.status).toBe(200);

    await sys.until(async () => (await status(id)) === 'published', 15_000, 'published');
    const hook = receiver.delivered().find((r) => r.body.id === id && r.body.type === 'content.approved');
    expect(hook?.body).toMatchObject({
      status: 'approved',
      appeal: { id: appealRes.body.id, reason: '这只是一条普通的分享' },
      decision: { action: 'approve' },
    });
    const polled = await sys.poll<{ appeal: Record<string, unknown> }>(tenant, id);
    expect(polled.body.appeal).toMatchObject({ status: 'approved', decidedAt: expect.any(String) });

    const audit = sqliteOf(sys.store)
      .auditLog.list({ limit: 50, targetType: 'item', targetId: id })
      .map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['appeal.create', 'appeal.approve']));
  });

  it('a rejected appeal leaves the item rejected and sends content.appeal_rejected; the dashboard counts overturns per moderator and rule', async () => {
    const id = await blockedItem();
    expect((await appeal(tenant, id, { reason: '请再看看' })).status).toBe(201);
    const senior = await sys.staff('senior');
    const claim = await claimAppeal(senior, id);
    expect(claim?.item.appeal).toMatchObject({ original: { action: 'block', by: null } });
    await senior.post(`/api/review/leases/${claim!.lease.id}/decision`, { action: 'reject', categories: ['malware'] });

    await sys.until(async () => receiver.delivered().find((r) => r.body.id === id && r.body.type === 'content.appeal_rejected'), 15_000, 'appeal_rejected');
    expect(await status(id)).toBe('rejected');
    // Decided once: no second appeal after the answer either.
    expect((await appeal(tenant, id, { reason: '再来' })).status).toBe(409);

    const dash = await senior.get<{ appeals: { rejected: number; approved: number; byRule: Array<{ key: string; decided: number; overturned: number }> } }>(
      '/api/dashboard',
    );
    expect(dash.body.appeals.rejected).toBeGreaterThanOrEqual(1);
    expect(dash.body.appeals.byRule.find((r) => r.key === 'mal.eicar')).toMatchObject({ decided: expect.any(Number), overturned: expect.any(Number) });
    expect(dash.body.appeals.byRule.find((r) => r.key === 'mal.eicar')!.decided).toBeGreaterThanOrEqual(1);
  });

  it('an appeal that a senior passes on (escalate) waits again, and an ended claim returns it to the appeals', async () => {
    const id = await blockedItem();
    expect((await appeal(tenant, id, { reason: '误判' })).status).toBe(201);
    const senior = await sys.staff('senior');
    const claim = await claimAppeal(senior, id);
    await senior.post(`/api/review/leases/${claim!.lease.id}/decision`, { action: 'escalate', note: '请主管看' });
    expect(await status(id)).toBe('appealed');
    const admin = await sys.staff('admin');
    const again = await claimAppeal(admin, id);
    expect(again).not.toBeNull();
    // What the housekeeping does when a claim's lease runs out: the item waits as an appeal again, not as an escalation.
    await sys.store.endLease(again!.lease.id, 'expired');
    expect(await status(id)).toBe('appealed');
    const bulk = await admin.post<{ decided: number }>('/api/review/bulk', { itemIds: [id], action: 'approve' });
    expect(bulk.body.decided).toBe(1);
    await sys.until(async () => (await status(id)) === 'published', 15_000, 'published');
  });
});
