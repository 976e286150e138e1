import { newId, nowIso } from '../../../lib/ids';
import type { Store } from '../../../store/store';
import { makeItem, makeTenant, makeUser } from '../../harness/fixtures';
import { eachTestStore, KINDS } from './stores';

const passVerdict = { suggestion: 'pass' as const, risk: 0.2, labels: [], engine: { rules: 't', model: 't' } };
const system = { type: 'system' as const, id: null, name: 'test', ip: null };

describe.each(KINDS)('store contract (%s): audit, appeals, sessions', (kind) => {
  const sut = eachTestStore(kind);
  let store: Store;
  beforeEach(() => (store = sut.store));

  describe('audit', () => {
    it('chains each entry to the one before and verifies', async () => {
      const a = await store.audit(system, 'test.one', null, { n: 1 });
      const b = await store.audit(system, 'test.two', { type: 'item', id: 'x' }, { nested: { ok: true } });
      expect(b.seq).toBe(a.seq + 1);
      expect(b.prevHash).toBe(a.hash);
      expect(b).toMatchObject({ action: 'test.two', targetType: 'item', targetId: 'x', details: { nested: { ok: true } } });
      expect(await store.verifyAudit()).toMatchObject({ ok: true, count: b.seq });
    });

    it('keeps one order when two processes append at once', async () => {
      const other = await sut.another();
      const entries = await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? other : store).audit(system, 'test.concurrent', null, { n })));
      const seqs = entries.map((e) => e.seq).sort((x, y) => x - y);
      expect(new Set(seqs).size).toBe(20);
      expect(seqs[19] - seqs[0]).toBe(19);
      const verified = await store.verifyAudit();
      expect(verified).toMatchObject({ ok: true });
      expect(verified.count).toBe(seqs[19]);
    });

    it('finds an entry edited behind the guard’s back, in the chain and in the full trail', async () => {
      for (let n = 1; n <= 3; n++) await store.audit(system, 'test.entry', null, { n });
      // Someone with the owner's rights switches the guard off: the chain still tells.
      const off = store.kind === 'sqlite' ? 'DROP TRIGGER audit_no_update' : 'ALTER TABLE audit DISABLE TRIGGER audit_no_update';
      await sut.raw.run(off);
      await sut.raw.run(`UPDATE audit SET details = '{"n":20}' WHERE seq = 2`);
      const broken = { ok: false, brokenSeq: 2, reason: 'contents do not match the entry hash' };
      expect(await store.verifyAudit()).toMatchObject(broken);
      expect(await store.verifyAuditTrail()).toMatchObject(broken);
    });

    it('refuses edits and deletions of audit rows in the database', async () => {
      await store.audit(system, 'test.one', null, {});
      await expect(sut.raw.run(`UPDATE audit SET details = '{}' WHERE seq = 1`)).rejects.toThrow(/APPEND_ONLY/);
      await expect(sut.raw.run('DELETE FROM audit WHERE seq = 1')).rejects.toThrow(/APPEND_ONLY/);
      expect(await store.verifyAudit()).toMatchObject({ ok: true });
    });
  });

  describe('appeals', () => {
    async function rejected() {
      const { id: tenantId } = await makeTenant(store);
      const id = await makeItem(store, tenantId);
      const mod = await makeUser(store, 'moderator');
      await store.recordVerdict(id, passVerdict);
      const leaseId = newId('ls');
      await store.openLease({ itemId: id, user: mod, queue: 'review', jobId: 'j', leaseId, leaseSeconds: 60, ip: null });
      const decision = (await store.decide({ leaseId, user: mod, action: 'reject', categories: ['spam'], note: null, ip: null })).decision;
      return { tenantId, id, mod, decision };
    }
    const tenantActor = (id: string) => ({ type: 'tenant' as const, id, name: null, ip: null });

    it('appeals a rejection once; a colleague overturns it and the item is published', async () => {
      const { tenantId, id, mod, decision } = await rejected();
      const appeal = await store.createAppeal(tenantId, id, '误判', tenantActor(tenantId));
      expect(appeal).toMatchObject({ itemId: id, status: 'pending', originalDecisionId: decision.id, originalUserId: mod.id });
      expect((await store.getItem(id))?.status).toBe('appealed');
      expect(await store.escalatedJobId(id)).toBe(`appeal-${appeal.id}`);
      expect((await store.pendingOutbox(100)).some((o) => o.jobId === `appeal-${appeal.id}` && o.priority === 1)).toBe(true);
      await expect(store.createAppeal(tenantId, id, 'again', tenantActor(tenantId))).rejects.toMatchObject({ code: 'APPEAL_NOT_ALLOWED' });

      const senior = await makeUser(store, 'senior');
      const leaseId = newId('ls');
      const opened = await store.openLease({ itemId: id, user: senior, queue: 'escalated', jobId: 'j', leaseId, leaseSeconds: 60, ip: null });
      expect(opened?.item.status).toBe('in_review');
      const result = await store.decide({ leaseId, user: senior, action: 'approve', categories: [], note: null, ip: null });
      expect(result.item.status).toBe('published');
      expect(await store.appealOf(id)).toMatchObject({ status: 'approved', decidedBy: senior.id, decisionId: result.decision.id });
      const stats = await store.appealStats('2000-01-01');
      expect(stats).toMatchObject({ pending: 0, approved: 1, rejected: 0, overturnRate: 1 });
      expect(stats.byModerator).toEqual([{ key: mod.id, label: mod.username, decided: 1, overturned: 1, overturnRate: 1 }]);
    });

    it('refuses an appeal from another tenant (404) or of an item not blocked or rejected (409)', async () => {
      const { tenantId, id } = await rejected();
      const { id: otherTenant } = await makeTenant(store);
      await expect(store.createAppeal(otherTenant, id, 'x', tenantActor(otherTenant))).rejects.toMatchObject({ status: 404 });
      const waiting = await makeItem(store, tenantId);
      await expect(store.createAppeal(tenantId, waiting, 'x', tenantActor(tenantId))).rejects.toMatchObject({ status: 409, code: 'APPEAL_NOT_ALLOWED' });
    });

    it('returns an expired appeal lease to the appealed queue', async () => {
      const { tenantId, id } = await rejected();
      await store.createAppeal(tenantId, id, '误判', tenantActor(tenantId));
      const senior = await makeUser(store, 'senior');
      const leaseId = newId('ls');
      await store.openLease({ itemId: id, user: senior, queue: 'escalated', jobId: 'j', leaseId, leaseSeconds: 60, ip: null });
      expect(await store.endLease(leaseId, 'lost')).toBe(true);
      expect(await store.endLease(leaseId, 'lost')).toBe(false);
      expect((await store.getItem(id))?.status).toBe('appealed');
      expect((await store.queueStats()).escalated).toBe(1);
    });
  });

  describe('sessions', () => {
    it('creates, reads, touches and deletes a session, auditing login and logout', async () => {
      const user = await makeUser(store, 'moderator');
      const now = nowIso();
      const session = { userId: user.id, csrfToken: 'csrf', createdAt: now, lastSeenAt: now, expiresAt: '2999-01-01T00:00:00.000Z' };
      const actor = { type: 'user' as const, id: user.id, name: user.username, ip: '10.0.0.2' };
      await store.createSession('hash-1', session, '10.0.0.2', actor);
      expect(await store.getSession('hash-1')).toEqual(session);
      await store.touchSession('hash-1', '2030-01-01T00:00:00.000Z', '2030-01-02T00:00:00.000Z');
      expect(await store.getSession('hash-1')).toMatchObject({ lastSeenAt: '2030-01-01T00:00:00.000Z', expiresAt: '2030-01-02T00:00:00.000Z' });
      await store.deleteSession('hash-1', actor);
      expect(await store.getSession('hash-1')).toBeNull();
      const logout = await store.audit(system, 'probe', null);
      expect(logout.seq).toBeGreaterThanOrEqual(4); // user.create, auth.login, auth.logout, probe
      expect(await store.userWithHash(user.username.toUpperCase())).toMatchObject({ user: { id: user.id }, passwordHash: 'not-a-real-hash' });
      expect(await store.countUsers()).toBe(1);
    });
  });
});
