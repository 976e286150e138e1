import { createHmac } from 'node:crypto';
import { createClient, ShenheApiError, ShenheWebhookError, verifyWebhook, type WebhookEvent } from '../../integrations/client';
import { WebhookReceiver, type ReceivedWebhook } from '../harness/receiver';
import { TestSystem, type TestTenant } from '../harness/system';

describe('Node.js client (integrations/client) against a real shenhe', () => {
  let sys: TestSystem;
  let receiver: WebhookReceiver;
  let tenant: TestTenant;
  /** One real signed delivery, made once: the verification cases below all start from it. */
  let delivery: ReceivedWebhook;

  beforeAll(async () => {
    sys = await TestSystem.start();
    receiver = await new WebhookReceiver().start();
    tenant = await sys.tenant({ callbackUrl: receiver.url });
    const client = createClient({ url: sys.url, apiKey: tenant.apiKey });
    const { id } = await client.submit({ externalId: 'hook-1', text: '今天天气不错' });
    await sys.until(async () => (await client.get(id)).status === 'pending_review', 10_000, 'pending_review');
    const mod = await sys.staff('moderator');
    const claimed = await mod.post<{ lease: { id: string } }>('/api/review/claim');
    await mod.post(`/api/review/leases/${claimed.body.lease.id}/decision`, { action: 'approve' });
    delivery = await sys.until(async () => receiver.delivered().find((r) => r.body.id === id), 10_000, 'approval webhook');
  });
  afterAll(async () => {
    await sys.close();
    await receiver.close();
  });

  const signature = (d: ReceivedWebhook): string => String(d.headers['x-shenhe-signature']);
  const signedAt = (d: ReceivedWebhook): number => Number(/t=(\d+)/.exec(signature(d))![1]);
  const codeOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (err) {
      if (err instanceof ShenheWebhookError) return err.code;
      throw err;
    }
    return undefined;
  };

  it('submits an item (202, created) and reads its status back', async () => {
    const client = createClient({ url: sys.url, apiKey: tenant.apiKey });
    const res = await client.submit({ externalId: 'c-1', text: '你好', author: { id: 'u1' } });
    expect(res).toEqual({ id: expect.stringMatching(/^it_/), externalId: 'c-1', status: 'screening', created: true });
    const record = await client.get(res.id);
    expect(record).toMatchObject({ id: res.id, externalId: 'c-1', createdAt: expect.any(String) });
  });

  it('reports an identical retry as not created, with the same id', async () => {
    const client = createClient({ url: `${sys.url}/`, apiKey: tenant.apiKey });
    const first = await client.submit({ externalId: 'c-2', text: '同一条' });
    const again = await client.submit({ externalId: 'c-2', text: '同一条' });
    expect(again).toEqual({ ...first, created: false, status: again.status });
  });

  it('throws ShenheApiError with the status and stable code of a refusal', async () => {
    const client = createClient({ url: sys.url, apiKey: tenant.apiKey });
    await expect(client.submit({ externalId: 'c-3' })).rejects.toMatchObject({ name: 'ShenheApiError', status: 400, code: 'EMPTY_CONTENT' });
    await expect(client.get('it_doesnotexist')).rejects.toMatchObject({ status: 404, code: 'CONTENT_NOT_FOUND' });
    const wrongKey = createClient({ url: sys.url, apiKey: 'sk_wrong-key-000000' });
    const err = await wrongKey.get('it_x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShenheApiError);
    expect(err).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('verifies a real signed webhook and returns the event', () => {
    const event: WebhookEvent = verifyWebhook(delivery.raw, signature(delivery), tenant.webhookSecret, 300);
    expect(event).toMatchObject({ type: 'content.approved', externalId: 'hook-1', status: 'approved', decision: { action: 'approve' } });
    expect(verifyWebhook(Buffer.from(delivery.raw), signature(delivery), tenant.webhookSecret).id).toBe(event.id);
  });

  it('refuses a tampered body, a wrong secret and a forged signature', () => {
    const tampered = delivery.raw.replace('content.approved', 'content.rejected');
    expect(codeOf(() => verifyWebhook(tampered, signature(delivery), tenant.webhookSecret, 300))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifyWebhook(delivery.raw, signature(delivery), 'whsec_not-the-secret', 300))).toBe('SIGNATURE_INVALID');
    const t = Math.floor(Date.now() / 1000);
    const forged = `t=${t},v1=${createHmac('sha256', 'guessed').update(`${t}.${tampered}`).digest('hex')}`;
    expect(codeOf(() => verifyWebhook(tampered, forged, tenant.webhookSecret, 300))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifyWebhook(delivery.raw, undefined, tenant.webhookSecret, 300))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifyWebhook(delivery.raw, 't=abc,v1=zz', tenant.webhookSecret, 300))).toBe('SIGNATURE_INVALID');
  });

  it('refuses a correctly signed delivery replayed after the tolerance, and accepts it within', () => {
    const t = signedAt(delivery);
    expect(codeOf(() => verifyWebhook(delivery.raw, signature(delivery), tenant.webhookSecret, 300, t + 301))).toBe('SIGNATURE_EXPIRED');
    expect(codeOf(() => verifyWebhook(delivery.raw, signature(delivery), tenant.webhookSecret, 300, t - 301))).toBe('SIGNATURE_EXPIRED');
    expect(verifyWebhook(delivery.raw, signature(delivery), tenant.webhookSecret, 300, t + 299).externalId).toBe('hook-1');
  });
});
