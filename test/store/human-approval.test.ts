import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { makeItem, makeTenant, makeUser } from '../harness/fixtures';
import { tempDir } from '../harness/temp';

const passVerdict = { suggestion: 'pass' as const, risk: 0.1, labels: [], engine: { rules: 't', model: 't' } };

describe('store: no publication without a human (invariant 1)', () => {
  let store: SqliteStore;
  let cleanup: () => void;

  beforeEach(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = new SqliteStore(t.dir);
  });
  afterEach(async () => {
    await store.close();
    cleanup();
  });

  it('refuses an item inserted in any status but screening', async () => {
    const { id: tenantId } = await makeTenant(store);
    expect(() =>
      store.db
        .prepare(
          `INSERT INTO items (id, tenant_id, external_id, body_hash, status, created_at, updated_at) VALUES ('x', ?, 'e', 'h', 'published', 'now', 'now')`,
        )
        .run(tenantId),
    ).toThrow(/STATUS_GUARD/);
  });

  it.each(['screening', 'pending_review', 'in_review', 'escalated', 'rejected', 'blocked'])('refuses a direct update from %s to published', async (from) => {
    const { id: tenantId } = await makeTenant(store);
    const id = await makeItem(store, tenantId);
    store.db.exec('DROP TRIGGER items_status_transition'); // reach each state by hand, then restore the guard
    store.db.prepare('UPDATE items SET status = ? WHERE id = ?').run(from, id);
    store.db.exec(`CREATE TRIGGER items_status_transition BEFORE UPDATE OF status ON items
      WHEN NEW.status <> OLD.status AND NOT EXISTS (SELECT 1 FROM status_transitions WHERE from_status = OLD.status AND to_status = NEW.status)
      BEGIN SELECT RAISE(ABORT, 'STATUS_GUARD: transition not allowed'); END;`);
    expect(() => store.db.prepare(`UPDATE items SET status = 'published' WHERE id = ?`).run(id)).toThrow(/STATUS_GUARD|HUMAN_APPROVAL_REQUIRED/);
  });

  it('refuses in_review → approved without a decision row', async () => {
    const { id: tenantId } = await makeTenant(store);
    const id = await makeItem(store, tenantId);
    await store.recordVerdict(id, passVerdict);
    store.db.prepare(`UPDATE items SET status = 'in_review' WHERE id = ?`).run(id);
    expect(() => store.db.prepare(`UPDATE items SET status = 'approved' WHERE id = ?`).run(id)).toThrow(/HUMAN_APPROVAL_REQUIRED/);
  });

  it('refuses approval when the latest decision is by an auditor or the automatic filter', async () => {
    const { id: tenantId } = await makeTenant(store);
    const id = await makeItem(store, tenantId);
    const auditor = await makeUser(store, 'auditor');
    await store.recordVerdict(id, passVerdict);
    store.db.prepare(`UPDATE items SET status = 'in_review' WHERE id = ?`).run(id);
    expect(() =>
      store.db.prepare(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES ('d1', ?, ?, 'approve', 'now')`).run(id, auditor.id),
    ).toThrow(/ROLE_GUARD/);
    expect(() => store.db.prepare(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES ('d2', ?, NULL, 'approve', 'now')`).run(id)).toThrow(
      /CHECK constraint/,
    );
    store.db.prepare(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES ('d3', ?, NULL, 'block', 'now')`).run(id);
    expect(() => store.db.prepare(`UPDATE items SET status = 'approved' WHERE id = ?`).run(id)).toThrow(/HUMAN_APPROVAL_REQUIRED/);
  });

  it('lets a moderator approval through the guarded path, and the tenant without a callback sees it published', async () => {
    const { id: tenantId } = await makeTenant(store);
    const id = await makeItem(store, tenantId);
    const mod = await makeUser(store, 'moderator');
    await store.recordVerdict(id, passVerdict);
    const opened = await store.openLease({ itemId: id, user: mod, queue: 'review', jobId: 'j', leaseId: 'ls_1', leaseSeconds: 60, ip: null });
    expect(opened?.item.status).toBe('in_review');
    const result = await store.decide({ leaseId: 'ls_1', user: mod, action: 'approve', categories: [], note: null, ip: null });
    expect(result.item.status).toBe('published');
  });

  it('refuses to change or delete decisions and audit rows', async () => {
    const { id: tenantId } = await makeTenant(store);
    await makeItem(store, tenantId);
    expect(() => store.db.prepare(`UPDATE audit SET action = 'x'`).run()).toThrow(/APPEND_ONLY/);
    expect(() => store.db.prepare(`DELETE FROM audit`).run()).toThrow(/APPEND_ONLY/);
  });

  it('answers a second decision on the same lease with LEASE_EXPIRED and changes nothing', async () => {
    const { id: tenantId } = await makeTenant(store);
    const id = await makeItem(store, tenantId);
    const mod = await makeUser(store, 'moderator');
    await store.recordVerdict(id, passVerdict);
    await store.openLease({ itemId: id, user: mod, queue: 'review', jobId: 'j', leaseId: 'ls_2', leaseSeconds: 60, ip: null });
    await store.decide({ leaseId: 'ls_2', user: mod, action: 'reject', categories: ['advertising'], note: null, ip: null });
    await expect(store.decide({ leaseId: 'ls_2', user: mod, action: 'approve', categories: [], note: null, ip: null })).rejects.toMatchObject({
      status: 409,
      code: 'LEASE_EXPIRED',
    });
    expect((await store.getItem(id))?.status).toBe('rejected');
  });
});
