import { createHmac } from 'node:crypto';
import { TestSystem, type StaffClient, type TestTenant } from '../harness/system';
import { tempDir } from '../harness/temp';
import { ensureWaline, WalineServer } from './waline/waline';
import { sqliteOf } from '../harness/fixtures';

/**
 * The official Waline plugin (CONTRACT §14) in a real Waline (@waline/vercel from npm, SQLite storage) against a
 * real shenhe: a comment is visible only after a moderator approved it in shenhe.
 */
describe('Waline plugin (integrations/waline)', () => {
  let sys: TestSystem;
  let tenant: TestTenant;
  let waline: WalineServer;
  let moderator: StaffClient;
  let cleanup: () => void;
  const SITE = 'https://blog.example.cn';

  beforeAll(async () => {
    const walineDir = await ensureWaline();
    sys = await TestSystem.start();
    tenant = await sys.tenant();
    const tmp = tempDir('shenhe-waline-test-');
    cleanup = tmp.cleanup;
    waline = await WalineServer.start({
      walineDir,
      dataDir: tmp.dir,
      shenheUrl: sys.url,
      apiKey: tenant.apiKey,
      webhookSecret: tenant.webhookSecret,
      siteUrl: SITE,
    });
    sqliteOf(sys.store).tenants.update(tenant.id, { callbackUrl: `${waline.url}/shenhe/webhook` });
    moderator = await sys.staff('moderator');
  }, 15 * 60_000);
  afterAll(async () => {
    await waline?.close();
    await sys?.close();
    cleanup?.();
  });

  const itemOf = (objectId: string) =>
    sys.until(
      async () =>
        sqliteOf(sys.store)
          .db.prepare('SELECT id, url, text, status FROM items WHERE tenant_id = ? AND external_id = ?')
          .get(tenant.id, `waline-${objectId}`) as { id: string; url: string; text: string; status: string } | undefined,
      10_000,
      `shenhe item for comment ${objectId}`,
    );

  async function decide(objectId: string, decision: { action: 'approve' } | { action: 'reject'; categories: string[] }): Promise<string> {
    const item = await itemOf(objectId);
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, item.id)).body.status === 'pending_review', 10_000, 'pending_review');
    // pending_review is stored with an outbox row; the review job reaches Redis when the relay runs, so a
    // claim made in between gets 204 (as a moderator's would) and is retried.
    const claimed = await sys.until(
      async () => {
        const res = await moderator.post<{ item: { id: string }; lease: { id: string } }>('/api/review/claim');
        return res.status === 200 ? res : undefined;
      },
      10_000,
      'a claimable review job',
    );
    expect(claimed.body.item.id).toBe(item.id);
    const res = await moderator.post(`/api/review/leases/${claimed.body.lease.id}/decision`, decision);
    expect(res.status).toBe(200);
    return item.id;
  }

  it('keeps a new comment waiting, sends it to shenhe with its absolute page URL, and shows it only after approval', async () => {
    const page = '/posts/hello.html';
    const objectId = await waline.comment(page, '写得真好，谢谢分享');
    expect(waline.status(objectId)).toBe('waiting');
    expect(await waline.visibleComments(page)).toEqual([]);

    const item = await itemOf(objectId);
    expect(item).toMatchObject({ url: `${SITE}${page}`, text: '写得真好，谢谢分享' });
    expect(await waline.visibleComments(page)).toEqual([]);

    await decide(objectId, { action: 'approve' });
    // published = the plugin answered 2xx, which it does only once the status is stored.
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, item.id)).body.status === 'published', 15_000, 'published');
    expect(waline.status(objectId)).toBe('approved');
    expect(await waline.visibleComments(page)).toEqual([expect.stringContaining('写得真好，谢谢分享')]);
  });

  it('marks a comment rejected in shenhe as spam, never shown', async () => {
    const page = '/posts/rejected.html';
    const objectId = await waline.comment(page, '加我微信买便宜货', '推销员');
    await decide(objectId, { action: 'reject', categories: ['advertising'] });
    await sys.until(async () => waline.status(objectId) === 'spam', 15_000, 'spam in Waline');
    expect(await waline.visibleComments(page)).toEqual([]);
  });

  it('refuses a forged or replayed webhook and changes nothing', async () => {
    const page = '/posts/forged.html';
    const objectId = await waline.comment(page, '等待审核的评论', '访客');
    await itemOf(objectId);
    const body = JSON.stringify({
      type: 'content.approved',
      id: 'it_forged',
      externalId: `waline-${objectId}`,
      status: 'approved',
      decision: { action: 'approve', categories: [], note: null, decidedAt: new Date().toISOString() },
    });
    const send = (secret: string, t: number) =>
      fetch(`${waline.url}/shenhe/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shenhe-signature': `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}` },
        body,
      });
    const now = Math.floor(Date.now() / 1000);
    expect((await send('whsec_guessed', now)).status).toBe(401);
    expect((await send(tenant.webhookSecret, now - 301)).status).toBe(401); // correctly signed, but older than 5 minutes
    const unsigned = await fetch(`${waline.url}/shenhe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(waline.status(objectId)).toBe('waiting');
    expect(await waline.visibleComments(page)).toEqual([]);
  });
});
