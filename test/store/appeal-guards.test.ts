import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { makeItem, makeTenant, makeUser } from '../harness/fixtures';
import { tempDir } from '../harness/temp';

const blockVerdict = { suggestion: 'block' as const, risk: 1, labels: [], engine: { rules: 't', model: 't' } };
const tenantActor = { type: 'tenant' as const, id: null, name: null, ip: null };

describe('store: appeals are guarded by the database (CONTRACT §12)', () => {
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

  async function blocked(): Promise<{ tenantId: string; id: string }> {
    const { id: tenantId } = await makeTenant(store);
    const id = await makeItem(store, tenantId);
    await store.recordVerdict(id, blockVerdict);
    return { tenantId, id };
  }

  it('refuses `appealed` without a pending appeal row, even by hand', async () => {
    const { id } = await blocked();
    expect(() => store.db.prepare(`UPDATE items SET status = 'appealed' WHERE id = ?`).run(id)).toThrow(/STATUS_GUARD/);
  });

  it('refuses `appealed` from any status but blocked or rejected', async () => {
    const { id: tenantId } = await makeTenant(store);
    const id = await makeItem(store, tenantId);
    await expect(store.createAppeal(tenantId, id, '为什么', tenantActor)).rejects.toMatchObject({ code: 'APPEAL_NOT_ALLOWED' });
    expect((await store.getItem(id))?.status).toBe('screening');
  });

  it('keeps one appeal per item, decided once, and refuses deleting a pending one', async () => {
    const { tenantId, id } = await blocked();
    const appeal = await store.createAppeal(tenantId, id, '误判', tenantActor);
    expect(() =>
      store.db
        .prepare(
          `INSERT INTO appeals (id, item_id, tenant_id, reason, status, original_decision_id, created_at) VALUES ('a2', ?, ?, 'x', 'pending', 'd', 'now')`,
        )
        .run(id, tenantId),
    ).toThrow(/UNIQUE/);
    expect(() => store.db.prepare(`UPDATE appeals SET reason = 'changed' WHERE id = ?`).run(appeal.id)).toThrow(/APPEND_ONLY/);
    expect(() => store.db.prepare(`DELETE FROM appeals WHERE id = ?`).run(appeal.id)).toThrow(/APPEND_ONLY/);
  });

  it('refuses a lease or a decision on the appeal by the moderator whose rejection it is against', async () => {
    const { tenantId, id } = await blocked();
    const rejecter = await makeUser(store, 'senior');
    // Make the appealed decision a rejection by `rejecter`, recorded as the appeal's original decision.
    store.db.prepare(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES ('d-rej', ?, ?, 'reject', '2026-01-01')`).run(id, rejecter.id);
    await store.createAppeal(tenantId, id, '请复核', tenantActor);
    expect(store.db.prepare('SELECT original_user_id AS u FROM appeals WHERE item_id = ?').get(id)).toEqual({ u: rejecter.id });
    expect(() =>
      store.db
        .prepare(
          `INSERT INTO review_leases (id, item_id, user_id, queue, job_id, claimed_at, expires_at) VALUES ('l1', ?, ?, 'escalated', 'j', 'now', 'later')`,
        )
        .run(id, rejecter.id),
    ).toThrow(/APPEAL_GUARD/);
    expect(() =>
      store.db.prepare(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES ('d2', ?, ?, 'approve', 'now')`).run(id, rejecter.id),
    ).toThrow(/APPEAL_GUARD/);
    const colleague = await makeUser(store, 'senior');
    expect(() =>
      store.db.prepare(`INSERT INTO decisions (id, item_id, user_id, action, decided_at) VALUES ('d3', ?, ?, 'approve', 'now')`).run(id, colleague.id),
    ).not.toThrow();
  });
});
