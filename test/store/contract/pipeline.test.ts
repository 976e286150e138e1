import { newId, nowIso } from '../../../lib/ids';
import type { Store } from '../../../store/store';
import { makeItem, makeTenant, makeUser } from '../../harness/fixtures';
import { eachTestStore, KINDS } from './stores';

const passVerdict = { suggestion: 'pass' as const, risk: 0.3, labels: [], engine: { rules: 't', model: 't' } };
const blockVerdict = {
  suggestion: 'block' as const,
  risk: 1,
  labels: [{ category: 'gambling', score: 1, hits: [] }],
  engine: { rules: 't', model: 't' },
} as unknown as Parameters<Store['recordVerdict']>[1];

function newItem(tenantId: string, externalId: string, bodyHash = 'h1') {
  return {
    id: newId('it'),
    tenantId,
    externalId,
    bodyHash,
    kind: 'comment',
    title: null,
    text: '你好',
    authorId: 'a1',
    authorName: null,
    authorIp: null,
    url: null,
    meta: { k: 'v' },
    sourceIp: null,
    imageCount: 0,
    createdAt: nowIso(),
  };
}

describe.each(KINDS)('store contract (%s): the pipeline', (kind) => {
  const sut = eachTestStore(kind);
  let store: Store;
  beforeEach(() => (store = sut.store));

  describe('ingest', () => {
    it('stores a new item in screening with its screen order, and answers the same body again with the same item', async () => {
      const { id: tenantId } = await makeTenant(store);
      const first = await store.ingest(newItem(tenantId, 'post-1'), []);
      expect(first.created).toBe(true);
      expect(first.item).toMatchObject({ status: 'screening', risk: 0, legalHold: false, meta: { k: 'v' } });
      const again = await store.ingest(newItem(tenantId, 'post-1'), []);
      expect(again.created).toBe(false);
      expect(again.item.id).toBe(first.item.id);
      expect(await store.getItem(first.item.id)).toEqual(first.item);
      const orders = await store.pendingOutbox(100);
      expect(orders.filter((o) => o.jobId === `screen-${first.item.id}`)).toHaveLength(1);
    });

    it('refuses the same externalId with another body (409 IDEMPOTENCY_CONFLICT) and keeps the first', async () => {
      const { id: tenantId } = await makeTenant(store);
      const first = await store.ingest(newItem(tenantId, 'post-2', 'h1'), []);
      await expect(store.ingest(newItem(tenantId, 'post-2', 'h2'), [])).rejects.toMatchObject({ status: 409, code: 'IDEMPOTENCY_CONFLICT' });
      expect((await store.getItem(first.item.id))?.bodyHash).toBe('h1');
    });

    it('creates an item once when two processes ingest it at the same moment', async () => {
      const { id: tenantId } = await makeTenant(store);
      const other = await sut.another();
      const results = await Promise.all([0, 1, 2, 3, 4, 5].map((n) => (n % 2 ? other : store).ingest(newItem(tenantId, 'same'), [])));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.item.id)).size).toBe(1);
    });

    it('creates each item once when two processes ingest the same burst in opposite orders (deadlocks retried)', async () => {
      const { id: tenantId } = await makeTenant(store);
      const other = await sut.another();
      const keys = Array.from({ length: 60 }, (_, n) => `k-${n}`);
      const results = await Promise.all([
        ...keys.map((k) => store.ingest(newItem(tenantId, k), [])),
        ...[...keys].reverse().map((k) => other.ingest(newItem(tenantId, k), [])),
      ]);
      expect(results.filter((r) => r.created)).toHaveLength(keys.length);
      expect(new Set(results.map((r) => r.item.id)).size).toBe(keys.length);
      expect(await store.pendingOutbox(1000)).toHaveLength(keys.length);
    });

    it('answers each of one burst on its own: a repeat, a conflict and new items together', async () => {
      const { id: tenantId } = await makeTenant(store);
      const [first, repeat, conflict, other] = await Promise.allSettled([
        store.ingest(newItem(tenantId, 'burst-1', 'h1'), []),
        store.ingest(newItem(tenantId, 'burst-1', 'h1'), []),
        store.ingest(newItem(tenantId, 'burst-1', 'h2'), []),
        store.ingest(newItem(tenantId, 'burst-2', 'h1'), []),
      ]);
      expect(first).toMatchObject({ status: 'fulfilled', value: { created: true } });
      expect(repeat).toMatchObject({ status: 'fulfilled', value: { created: false } });
      expect(conflict).toMatchObject({ status: 'rejected', reason: { code: 'IDEMPOTENCY_CONFLICT' } });
      expect(other).toMatchObject({ status: 'fulfilled', value: { created: true } });
      const firstId = (first as PromiseFulfilledResult<{ item: { id: string } }>).value.item.id;
      expect((repeat as PromiseFulfilledResult<{ item: { id: string } }>).value.item.id).toBe(firstId);
      expect((await store.pendingOutbox(100)).map((o) => o.jobId)).toEqual([
        `screen-${firstId}`,
        `screen-${(other as PromiseFulfilledResult<{ item: { id: string } }>).value.item.id}`,
      ]);
    });

    it('keeps image records in order', async () => {
      const { id: tenantId } = await makeTenant(store);
      const item = newItem(tenantId, 'with-images');
      const img = (index: number) => ({
        itemId: item.id,
        index,
        name: `p${index}.png`,
        declaredFormat: 'png',
        sniffedFormat: 'png',
        bytes: 10 + index,
        sha256: 'ab'.repeat(32),
        width: null,
        height: null,
        phash: null,
        storedFormat: null,
      });
      await store.ingest({ ...item, imageCount: 2 }, [img(1), img(0)]);
      expect((await store.imagesOf(item.id)).map((i) => i.index)).toEqual([0, 1]);
      await store.recordVerdict(item.id, passVerdict, [{ index: 1, width: 5, height: 6, phash: 'ff', storedFormat: 'webp' }]);
      expect((await store.imagesOf(item.id))[1]).toMatchObject({ width: 5, height: 6, phash: 'ff', storedFormat: 'webp', bytes: 11 });
    });
  });

  describe('screening', () => {
    it('moves a passed item to pending_review with a review order, once', async () => {
      const { id: tenantId } = await makeTenant(store);
      const id = await makeItem(store, tenantId);
      expect(await store.recordVerdict(id, passVerdict)).toBe(true);
      expect(await store.recordVerdict(id, passVerdict)).toBe(false);
      expect(await store.getItem(id)).toMatchObject({ status: 'pending_review', risk: 0.3, suggestion: 'pass' });
      expect((await store.getVerdict(id))?.body).toEqual(passVerdict);
      const review = (await store.pendingOutbox(100)).filter((o) => o.topic === 'review');
      expect(review).toEqual([expect.objectContaining({ jobId: `review-${id}`, payload: { itemId: id }, priority: 701 })]);
      expect(await store.queueStats()).toMatchObject({ waiting: 1, inReview: 0, escalated: 0 });
    });

    it('blocks a blocked verdict with the filter’s decision and a webhook delivery when the tenant has a callback', async () => {
      const { id: tenantId } = await makeTenant(store, 'https://example.com/hook');
      const id = await makeItem(store, tenantId);
      await store.recordVerdict(id, blockVerdict);
      expect((await store.getItem(id))?.status).toBe('blocked');
      const decision = await store.latestDecision(id);
      expect(decision).toMatchObject({ action: 'block', userId: null, categories: ['gambling'] });
      const [delivery] = await store.pendingDeliveries();
      expect(delivery).toMatchObject({ itemId: id, decisionId: decision?.id, type: 'content.blocked', status: 'pending', attempts: 0 });
      expect(JSON.parse(delivery.body)).toMatchObject({ type: 'content.blocked', id, status: 'blocked' });
      expect((await store.pendingOutbox(100)).some((o) => o.jobId === `publish-${decision?.id}`)).toBe(true);
    });
  });

  describe('review', () => {
    async function claimed(callbackUrl: string | null = null) {
      const { id: tenantId } = await makeTenant(store, callbackUrl);
      const id = await makeItem(store, tenantId);
      const mod = await makeUser(store, 'moderator');
      await store.recordVerdict(id, passVerdict);
      const leaseId = newId('ls');
      const opened = await store.openLease({ itemId: id, user: mod, queue: 'review', jobId: `review-${id}`, leaseId, leaseSeconds: 60, ip: '10.0.0.1' });
      return { tenantId, id, mod, leaseId, opened };
    }

    it('leases an item once: a second claim of the same item is stale', async () => {
      const { id, mod, opened } = await claimed();
      expect(opened?.item.status).toBe('in_review');
      expect(opened?.lease).toMatchObject({ itemId: id, userId: mod.id, queue: 'review', endedAt: null });
      const again = await store.openLease({ itemId: id, user: mod, queue: 'review', jobId: 'j', leaseId: newId('ls'), leaseSeconds: 60, ip: null });
      expect(again).toBeNull();
      expect(await store.openLeases()).toHaveLength(1);
    });

    it('approve → approved → delivered → published, with the publish order and the audit rows', async () => {
      const { id, mod, leaseId } = await claimed('https://example.com/hook');
      const result = await store.decide({ leaseId, user: mod, action: 'approve', categories: [], note: 'ok', ip: null });
      expect(result.item.status).toBe('approved');
      expect(result.outbox).toBe(true);
      expect(result.decision).toMatchObject({ action: 'approve', userId: mod.id, leaseId, note: 'ok' });
      expect(await store.decisionById(result.decision.id)).toEqual(result.decision);
      expect((await store.getLease(leaseId))?.endReason).toBe('decided');
      const [delivery] = await store.pendingDeliveries();
      expect(delivery.type).toBe('content.approved');
      await store.recordAttempt({ deliveryId: delivery.id, attempt: 1, attemptedAt: nowIso(), statusCode: 500, error: 'boom', durationMs: 3 }, nowIso());
      expect(await store.getDelivery(delivery.id)).toMatchObject({ attempts: 1, lastStatusCode: 500, lastError: 'boom' });
      expect(await store.markDelivered(delivery.id)).toBe(true);
      expect(await store.markDelivered(delivery.id)).toBe(false);
      expect((await store.getItem(id))?.status).toBe('published');
      expect(await store.decisionsSince('2000-01-01')).toBe(1);
    });

    it('publishes an approval at once for a tenant without a callback, and records a learning example', async () => {
      const { tenantId, mod, leaseId } = await claimed();
      const result = await store.decide({ leaseId, user: mod, action: 'approve', categories: [], note: null, ip: null });
      expect(result).toMatchObject({ outbox: false, item: { status: 'published' } });
      const examples = await store.learningExamples(tenantId, 0);
      expect(examples).toHaveLength(1);
      expect(examples[0]).toMatchObject({ rejectedAs: [], itemId: result.item.id });
      expect(examples[0].features).toBeInstanceOf(Int32Array);
      expect((await store.learningSummary(tenantId)).approvals).toBe(1);
      expect(await store.resetLearning(tenantId, { type: 'cli', id: null, name: 't', ip: null })).toBe(1);
      expect(await store.learningGeneration(tenantId)).toBe(1);
      expect(await store.learningExamples(tenantId, 0)).toEqual([]);
    });

    it('rejects, escalates, and refuses a second decision on the same lease', async () => {
      const { id, mod, leaseId } = await claimed();
      const escalated = await store.decide({ leaseId, user: mod, action: 'escalate', categories: [], note: null, ip: null });
      expect(escalated.item.status).toBe('escalated');
      expect(await store.escalatedJobId(id)).toBe(`esc-${id}-${escalated.decision.id}`);
      await expect(store.decide({ leaseId, user: mod, action: 'approve', categories: [], note: null, ip: null })).rejects.toMatchObject({
        status: 409,
        code: 'LEASE_EXPIRED',
      });
      const senior = await makeUser(store, 'senior');
      const second = newId('ls');
      await store.openLease({ itemId: id, user: senior, queue: 'escalated', jobId: 'j', leaseId: second, leaseSeconds: 60, ip: null });
      await expect(store.decide({ leaseId: second, user: mod, action: 'reject', categories: [], note: null, ip: null })).rejects.toMatchObject({
        code: 'LEASE_NOT_YOURS',
      });
      const rejected = await store.decide({ leaseId: second, user: senior, action: 'reject', categories: ['gambling'], note: null, ip: null });
      expect(rejected.item.status).toBe('rejected');
    });

    it('extends a live lease, and an expired lease puts the item back in its queue', async () => {
      const { id, mod, leaseId } = await claimed();
      const extended = await store.extendLease(leaseId, mod.id, 120);
      expect(extended.expiresAt > new Date(Date.now() + 100_000).toISOString()).toBe(true);
      const ended = await store.expireLeases(new Date(Date.now() + 3600_000).toISOString());
      expect(ended.map((l) => l.id)).toEqual([leaseId]);
      expect((await store.getItem(id))?.status).toBe('pending_review');
      await expect(store.extendLease(leaseId, mod.id, 60)).rejects.toMatchObject({ code: 'LEASE_EXPIRED' });
    });

    it('refuses a decision by a role that may not decide', async () => {
      const { leaseId, mod } = await claimed();
      await expect(store.decide({ leaseId, user: { ...mod, role: 'auditor' }, action: 'approve', categories: [], note: null, ip: null })).rejects.toMatchObject(
        {
          status: 409,
          code: 'ROLE_GUARD',
        },
      );
    });
  });

  it('pages backtest items oldest first with their latest human decision', async () => {
    const { id: tenantId } = await makeTenant(store);
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push(await makeItem(store, tenantId, `text ${n}`));
    const pages: string[][] = [];
    for await (const page of store.backtestItems({ since: '2000-01-01', tenantId, batchSize: 2 })) pages.push(page.map((p) => p.id));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().sort()).toEqual([...ids].sort());
  });
});
