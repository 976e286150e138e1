import { newId } from '../../../lib/ids';
import type { Store } from '../../../store/store';
import { cliActor, makeItem, makeTenant, makeUser } from '../../harness/fixtures';
import { eachTestStore, KINDS } from './stores';

const passVerdict = { suggestion: 'pass' as const, risk: 0.1, labels: [], engine: { rules: 't', model: 't' } };
const blockVerdict = { suggestion: 'block' as const, risk: 1, labels: [], engine: { rules: 't', model: 't' } };

/**
 * What the DATABASE itself refuses, whichever code path asks: every spec here writes SQL by hand on a raw connection
 * (the store's code never would), and expects the trigger's token, the same in SQLite and PostgreSQL.
 */
describe.each(KINDS)('store contract (%s): invariants enforced by the database', (kind) => {
  const sut = eachTestStore(kind);
  let store: Store;
  beforeEach(() => (store = sut.store));

  async function inReview(): Promise<{ id: string; tenantId: string }> {
    const { id: tenantId } = await makeTenant(store);
    const id = await makeItem(store, tenantId);
    await store.recordVerdict(id, passVerdict);
    const mod = await makeUser(store, 'moderator');
    await store.openLease({ itemId: id, user: mod, queue: 'review', jobId: 'j', leaseId: newId('ls'), leaseSeconds: 60, ip: null });
    return { id, tenantId };
  }

  it('refuses a new item in any status but screening', async () => {
    const { id: tenantId } = await makeTenant(store);
    await expect(
      sut.raw.run(
        `INSERT INTO items (id, tenant_id, external_id, body_hash, status, created_at, updated_at) VALUES ('x', ?, 'e', 'h', 'published', 'now', 'now')`,
        [tenantId],
      ),
    ).rejects.toThrow(/STATUS_GUARD/);
  });

  it('refuses in_review → approved without a recorded human approval', async () => {
    const { id } = await inReview();
    await expect(sut.raw.run(`UPDATE items SET status = 'approved' WHERE id = ?`, [id])).rejects.toThrow(/HUMAN_APPROVAL_REQUIRED/);
  });

  it('refuses approval when the latest decision is not a human approval (an auditor may not even decide)', async () => {
    const { id } = await inReview();
    const auditor = await makeUser(store, 'auditor');
    await expect(
      sut.raw.run(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES ('d1', ?, ?, 'approve', 'now')`, [id, auditor.id]),
    ).rejects.toThrow(/ROLE_GUARD/);
    await expect(
      sut.raw.run(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES ('d2', ?, NULL, 'approve', 'now')`, [id]),
    ).rejects.toThrow(/CHECK constraint|check constraint/);
    await sut.raw.run(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES ('d3', ?, NULL, 'block', 'now')`, [id]);
    await expect(sut.raw.run(`UPDATE items SET status = 'approved' WHERE id = ?`, [id])).rejects.toThrow(/HUMAN_APPROVAL_REQUIRED/);
  });

  it('refuses published from anything but approved', async () => {
    const { id: tenantId } = await makeTenant(store);
    const waiting = await makeItem(store, tenantId);
    await store.recordVerdict(waiting, passVerdict);
    await expect(sut.raw.run(`UPDATE items SET status = 'published' WHERE id = ?`, [waiting])).rejects.toThrow(/STATUS_GUARD|HUMAN_APPROVAL_REQUIRED/);
    const { id } = await inReview();
    await expect(sut.raw.run(`UPDATE items SET status = 'published' WHERE id = ?`, [id])).rejects.toThrow(/STATUS_GUARD|HUMAN_APPROVAL_REQUIRED/);
    const blocked = await makeItem(store, tenantId);
    await store.recordVerdict(blocked, blockVerdict);
    await expect(sut.raw.run(`UPDATE items SET status = 'published' WHERE id = ?`, [blocked])).rejects.toThrow(/STATUS_GUARD|HUMAN_APPROVAL_REQUIRED/);
    expect((await store.getItem(blocked))?.status).toBe('blocked');
  });

  it('lets the guarded path through: a moderator’s approval publishes', async () => {
    const { id: tenantId } = await makeTenant(store);
    const id = await makeItem(store, tenantId);
    const mod = await makeUser(store, 'moderator');
    await store.recordVerdict(id, passVerdict);
    await store.openLease({ itemId: id, user: mod, queue: 'review', jobId: 'j', leaseId: 'ls_1', leaseSeconds: 60, ip: null });
    expect((await store.decide({ leaseId: 'ls_1', user: mod, action: 'approve', categories: [], note: null, ip: null })).item.status).toBe('published');
  });

  it('refuses to change a decision, or to change or delete an audit row', async () => {
    const { id } = await inReview();
    await sut.raw.run(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES ('d9', ?, NULL, 'block', 'now')`, [id]);
    await expect(sut.raw.run(`UPDATE decisions SET note = 'x' WHERE id = 'd9'`)).rejects.toThrow(/APPEND_ONLY/);
    await expect(sut.raw.run(`UPDATE audit SET action = 'x'`)).rejects.toThrow(/APPEND_ONLY/);
    await expect(sut.raw.run(`DELETE FROM audit`)).rejects.toThrow(/APPEND_ONLY/);
  });

  it('never deletes an item still in the pipeline, nor one under legal hold', async () => {
    const { id: tenantId } = await makeTenant(store);
    const waiting = await makeItem(store, tenantId);
    await expect(sut.raw.run('DELETE FROM items WHERE id = ?', [waiting])).rejects.toThrow(/STATUS_GUARD/);
    const held = await makeItem(store, tenantId);
    await store.recordVerdict(held, blockVerdict);
    await sut.raw.run('UPDATE items SET legal_hold = ? WHERE id = ?', [1, held]);
    expect((await store.getItem(held))?.legalHold).toBe(true);
    await expect(
      sut.raw.run('DELETE FROM decisions WHERE item_id = ?', [held]).then(() => sut.raw.run('DELETE FROM items WHERE id = ?', [held])),
    ).rejects.toThrow(/LEGAL_HOLD/);
    expect((await store.getItem(held))?.status).toBe('blocked');
  });

  it('keeps an incident’s items held, and the incident’s timeline append-only', async () => {
    const { id: tenantId } = await makeTenant(store);
    const id = await makeItem(store, tenantId);
    await store.recordVerdict(id, blockVerdict);
    await sut.raw.run(`INSERT INTO incidents (id, title, status, opened_at, deadline_at) VALUES ('in1', 't', 'open', 'a', 'b')`);
    await sut.raw.run(`INSERT INTO incident_items (incident_id, item_id, added_at) VALUES ('in1', ?, 'a')`, [id]);
    await sut.raw.run('UPDATE items SET legal_hold = ? WHERE id = ?', [1, id]);
    await expect(sut.raw.run('UPDATE items SET legal_hold = ? WHERE id = ?', [0, id])).rejects.toThrow(/LEGAL_HOLD/);
    await expect(sut.raw.run(`DELETE FROM incident_items WHERE incident_id = 'in1'`)).rejects.toThrow(/APPEND_ONLY/);
    await expect(sut.raw.run(`UPDATE incidents SET deadline_at = 'c' WHERE id = 'in1'`)).rejects.toThrow(/APPEND_ONLY/);
    await expect(sut.raw.run(`DELETE FROM incidents WHERE id = 'in1'`)).rejects.toThrow(/APPEND_ONLY/);
  });

  it('answers a trigger’s refusal on a store path as a 409 with the trigger’s token', async () => {
    const { id: tenantId } = await makeTenant(store);
    const id = await makeItem(store, tenantId);
    await store.recordVerdict(id, blockVerdict);
    const rejecter = await makeUser(store, 'senior');
    await sut.raw.run(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES ('d-rej', ?, ?, 'reject', '2026-01-01')`, [id, rejecter.id]);
    await store.createAppeal(tenantId, id, '请复核', { type: 'tenant', id: tenantId, name: null, ip: null });
    await expect(
      store.openLease({ itemId: id, user: rejecter, queue: 'escalated', jobId: 'j', leaseId: newId('ls'), leaseSeconds: 60, ip: null }),
    ).rejects.toMatchObject({ status: 409, code: 'APPEAL_GUARD' });
    expect((await store.getItem(id))?.status).toBe('appealed');
    expect(await store.isOriginalDecider(id, rejecter.id)).toBe(true);
    await expect(store.createUser({ ...rejecter, id: newId('us'), username: rejecter.username.toUpperCase() }, 'h', cliActor)).rejects.toMatchObject({
      code: 'USERNAME_TAKEN',
    });
  });
});
