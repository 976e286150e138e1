import { createHmac } from 'node:crypto';
import { WebhookReceiver } from '../harness/receiver';
import { TestSystem } from '../harness/system';

describe('pipeline end to end', () => {
  let sys: TestSystem;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    sys = await TestSystem.start();
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await sys.close();
    await receiver.close();
  });

  it('screens, waits for a human, and publishes only after the signed approval webhook is answered', async () => {
    const tenant = await sys.tenant({ callbackUrl: receiver.url });
    const posted = await sys.post<{ id: string; status: string }>(tenant, { externalId: 'flow-1', text: '今天天气不错', author: { id: 'u1' } });
    expect(posted.status).toBe(202);
    expect(posted.body.status).toBe('screening');
    const id = posted.body.id;
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, id)).body.status === 'pending_review', 10_000, 'pending_review');

    const mod = await sys.staff('moderator');
    const claimed = await mod.post<{ item: { id: string }; lease: { id: string } }>('/api/review/claim');
    expect(claimed.status).toBe(200);
    expect(claimed.body.item.id).toBe(id);
    const decided = await mod.post(`/api/review/leases/${claimed.body.lease.id}/decision`, { action: 'approve' });
    expect(decided.status).toBe(200);

    const final = await sys.until(
      async () => {
        const r = await sys.poll<{ status: string }>(tenant, id);
        return r.body.status === 'published' ? r : null;
      },
      10_000,
      'published',
    );
    expect(final.body).toMatchObject({ id, externalId: 'flow-1', status: 'published', decision: { action: 'approve' } });

    const hook = receiver.delivered().find((r) => r.body.id === id);
    expect(hook?.body).toMatchObject({
      type: 'content.approved',
      id,
      externalId: 'flow-1',
      status: 'approved',
      decision: { action: 'approve', categories: [] },
    });
    const sig = String(hook?.headers['x-shenhe-signature']);
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig);
    expect(m).not.toBeNull();
    expect(createHmac('sha256', tenant.webhookSecret).update(`${m![1]}.${hook!.raw}`).digest('hex')).toBe(m![2]);
    expect(hook?.headers['x-shenhe-delivery']).toMatch(/^dl_/);
  });

  it('sends content.rejected after a rejection, with the categories', async () => {
    const tenant = await sys.tenant({ callbackUrl: receiver.url });
    const { body } = await sys.post<{ id: string }>(tenant, { externalId: 'flow-2', text: '普通的评论' });
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, body.id)).body.status === 'pending_review', 10_000);
    const mod = await sys.staff('moderator');
    const claimed = await mod.post<{ item: { id: string }; lease: { id: string } }>('/api/review/claim');
    expect(claimed.body.item.id).toBe(body.id);
    const r = await mod.post(`/api/review/leases/${claimed.body.lease.id}/decision`, { action: 'reject', categories: ['advertising'], note: 'spam' });
    expect(r.status).toBe(200);
    await sys.until(async () => receiver.delivered().find((h) => h.body.id === body.id), 10_000, 'rejected webhook');
    expect(receiver.delivered().find((h) => h.body.id === body.id)?.body).toMatchObject({
      type: 'content.rejected',
      status: 'rejected',
      decision: { action: 'reject', categories: ['advertising'], note: 'spam' },
    });
    expect((await sys.poll<{ status: string }>(tenant, body.id)).body.status).toBe('rejected');
  });
});
