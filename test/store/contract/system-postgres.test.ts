import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { WebhookReceiver } from '../../harness/receiver';
import { TestSystem, type TestTenant } from '../../harness/system';
import { tempDir } from '../../harness/temp';
import { testDatabases } from '../../harness/postgres';

type Claim = { item: { id: string }; lease: { id: string } };

/**
 * CONTRACT §10 end to end: two "machines" — an API process and a worker process, each with its own data dir —
 * share one PostgreSQL database and one Redis. An item posted to the API is screened by the worker, claimed and
 * approved on the API, delivered by the worker's publisher, and ends `published`, exactly once.
 */
describe('two processes on one PostgreSQL store (CONTRACT §10)', () => {
  const dbs = testDatabases();
  const receiver = new WebhookReceiver();
  let api: TestSystem;
  let worker: TestSystem;
  let tenant: TestTenant;
  const workerDir = tempDir('shenhe-sys-');

  beforeAll(async () => {
    await receiver.start();
    const url = await dbs.fresh();
    const env = {
      SHENHE_DATABASE_URL: url,
      SHENHE_QUEUE_PREFIX: `{t${randomBytes(6).toString('hex')}}`,
      SHENHE_IMAGE_OCR: 'false',
      SHENHE_IMAGE_CLASSIFIER: 'false',
    };
    api = await TestSystem.start({ env, workers: ['housekeeping'] });
    tenant = await api.tenant({ callbackUrl: receiver.url });
    // Machines share the master key (it seals webhook secrets) as operators share any secret; nothing else.
    copyFileSync(path.join(api.dataDir, 'master.key'), path.join(workerDir.dir, 'master.key'));
    worker = await TestSystem.start({ env, api: false, workers: ['screen', 'publish'], dataDir: workerDir.dir });
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    workerDir.cleanup();
    await receiver.close();
    await dbs.dropAll();
  });

  it('screens on one machine, reviews on the other, and publishes once', async () => {
    const posted = await api.post<{ id: string; status: string }>(tenant, { externalId: 'pg-1', text: '这篇文章写得很好，谢谢分享' });
    expect(posted.status).toBe(202);
    const id = posted.body.id;
    await worker.until(async () => (await worker.store.getItem(id))?.status === 'pending_review', 20_000, 'screened by the worker');

    const mod = await api.staff('moderator');
    const claim = await api.until(async () => {
      const c = await mod.post<Claim>('/api/review/claim');
      return c.status === 200 ? c.body : null;
    }, 10_000);
    expect(claim.item.id).toBe(id);
    const decided = await mod.post(`/api/review/leases/${claim.lease.id}/decision`, { action: 'approve' });
    expect(decided.status).toBe(200);

    await api.until(async () => (await api.store.getItem(id))?.status === 'published', 20_000, 'published');
    const hooks = receiver.delivered().filter((h) => h.body.id === id);
    expect(hooks.map((h) => h.body.type)).toEqual(['content.approved']);
    expect((await api.poll<{ status: string }>(tenant, id)).body.status).toBe('published');
    expect(await worker.store.verifyAuditTrail()).toMatchObject({ ok: true });
  });

  it('keeps image bytes in the database: posted to the API, re-encoded by the worker, shown by the API', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
    const posted = await api.post<{ id: string }>(tenant, { externalId: 'pg-img', images: [{ name: 'a.png', data: png.toString('base64') }] });
    expect(posted.status).toBe(202);
    const id = posted.body.id;
    await worker.until(async () => (await worker.store.getItem(id))?.status === 'pending_review', 30_000, 'image screened by the worker');
    expect((await api.store.imagesOf(id))[0]).toMatchObject({ width: 64, height: 48 });
    const admin = await api.staff('admin');
    const thumb = await fetch(`${api.url}/api/items/${id}/images/0?variant=thumb`, { headers: { cookie: admin.cookie } });
    expect(thumb.status).toBe(200);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBeGreaterThan(0);
  });
});
