import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { OutboxRow } from '../../../store/rows';
import { PostgresStore } from '../../../store/postgres/postgres-store';
import { cliActor, makeItem, makeTenant } from '../../harness/fixtures';
import { TEST_PG_URL, testDatabases } from '../../harness/postgres';
import { tempDir } from '../../harness/temp';

/**
 * What only the PostgreSQL store promises, because several machines share it: relays that never hand out the same
 * outbox row at once, an audit anchor inside the database that every machine can check and that never moves
 * backwards, and a backup (pg_dump of one snapshot) that restores into a store that verifies.
 */
describe('postgres store: several machines, one database', () => {
  const dbs = testDatabases();
  const open: PostgresStore[] = [];
  const openStore = async (url: string) => {
    const s = await PostgresStore.open(url);
    open.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  afterAll(() => dbs.dropAll());

  async function superuser<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  it('never hands the same outbox row to two relays at once, and every row to one of them', async () => {
    const url = await dbs.fresh();
    const [a, b] = [await openStore(url), await openStore(url)];
    const { id: tenantId } = await makeTenant(a);
    for (let n = 0; n < 40; n++) await makeItem(a, tenantId);
    const held = new Set<number>();
    const handed: number[] = [];
    let overlapped = false;
    const send = async (rows: OutboxRow[]) => {
      for (const r of rows) {
        expect(held.has(r.id)).toBe(false);
        held.add(r.id);
        handed.push(r.id);
      }
      if (held.size > rows.length) overlapped = true;
      // Hold the rows across a few round trips so the other relay runs meanwhile.
      for (let i = 0; i < 3; i++) await a.healthy();
      for (const r of rows) held.delete(r.id);
    };
    const relay = async (s: PostgresStore) => {
      while ((await s.relayOutbox(5, send)) > 0);
    };
    await Promise.all([relay(a), relay(b), relay(a), relay(b)]);
    expect(handed).toHaveLength(40);
    expect(new Set(handed).size).toBe(40);
    expect(overlapped).toBe(true);
    expect(await a.pendingOutbox(100)).toEqual([]);
  });

  it('keeps the audit anchor in the database: it never moves backwards, and a truncated log fails verification everywhere', async () => {
    const url = await dbs.fresh();
    const [a, b] = [await openStore(url), await openStore(url)];
    for (let n = 0; n < 3; n++) await a.audit(cliActor, 'test.entry', null, { n });
    expect(await b.verifyAuditTrail()).toMatchObject({ ok: true, lastSeq: 3, anchor: { seq: 3 } });
    await expect(superuser(url, (c) => c.query('UPDATE audit_anchor SET seq = 1'))).rejects.toThrow(/APPEND_ONLY/);
    await expect(superuser(url, (c) => c.query('DELETE FROM audit_anchor'))).rejects.toThrow(/APPEND_ONLY/);
    // An attacker with the owner's rights switches the guard off and deletes the last entry.
    await superuser(url, async (c) => {
      await c.query('ALTER TABLE audit DISABLE TRIGGER audit_no_delete');
      await c.query('DELETE FROM audit WHERE seq = 3');
      await c.query('ALTER TABLE audit ENABLE TRIGGER audit_no_delete');
    });
    expect(await b.verifyAudit()).toMatchObject({ ok: true, count: 2 });
    expect(await b.verifyAuditTrail()).toMatchObject({ ok: false, brokenSeq: 3, reason: expect.stringMatching(/truncated/) });
    await expect(b.reanchorAudit(cliActor)).rejects.toMatchObject({ status: 409, code: 'APPEND_ONLY' });
  });

  it('backs up one snapshot without pg_dump, and the backup restores into an empty store whose audit trail verifies', async () => {
    const url = await dbs.fresh();
    const store = await openStore(url);
    const { id: tenantId } = await makeTenant(store);
    const itemId = await makeItem(store, tenantId);
    await store.recordVerdict(itemId, { suggestion: 'block', risk: 1, labels: [], engine: { rules: 't', model: 't' } });
    await store.putImageBytes(itemId, 0, 'orig', Buffer.from([0, 1, 2, 255]));
    const t = tempDir();
    try {
      const file = path.join(t.dir, 'shenhe.backup');
      const info = await store.backupTo(file, { imagesTo: path.join(t.dir, 'images') });
      expect(info.images).toBeNull();
      expect(info.auditSeq).toBe((await store.listAudit({ limit: 1 }))[0].seq);
      expect(statSync(file).size).toBeGreaterThan(0);

      const target = await dbs.fresh();
      const restored = await openStore(target);
      expect(await restored.restoreBackup(file)).toMatchObject({ auditSeq: info.auditSeq });
      expect(await restored.getItem(itemId)).toEqual(await store.getItem(itemId));
      expect(await restored.latestDecision(itemId)).toEqual(await store.latestDecision(itemId));
      expect(await restored.imageBytes(itemId, 0, 'orig')).toEqual(Buffer.from([0, 1, 2, 255]));
      expect(await restored.verifyAuditTrail()).toMatchObject({ ok: true, lastSeq: info.auditSeq, anchor: { seq: info.auditSeq } });
      // The guards are back on, and the store carries on where the backup ended.
      await expect(superuser(target, (c) => c.query('DELETE FROM audit'))).rejects.toThrow(/APPEND_ONLY/);
      await expect(superuser(target, (c) => c.query(`UPDATE items SET status = 'published' WHERE id = $1`, [itemId]))).rejects.toThrow(/STATUS_GUARD/);
      expect((await restored.audit(cliActor, 'after.restore', null)).seq).toBe(info.auditSeq + 1);
      expect(await restored.verifyAuditTrail()).toMatchObject({ ok: true });
      const next = await makeItem(restored, tenantId);
      expect((await restored.getItem(next))?.status).toBe('screening');
      await expect(restored.restoreBackup(file)).rejects.toThrow(/empty database/);
    } finally {
      t.cleanup();
    }
  });

  it('shares rule packs saved in the console between machines, each save a higher version, audited', async () => {
    const url = await dbs.fresh();
    const [a, b] = [await openStore(url), await openStore(url)];
    const hash = (y: string) => createHash('sha256').update(y).digest('hex');
    expect(await b.rulePacksVersion()).toBe(0);
    await a.saveRulePack('local-ads', 'category: spam\n', hash('category: spam\n'), cliActor, { rules: 0 });
    const v1 = await b.rulePacksVersion();
    const yaml = 'category: spam\nrules: []\n';
    await a.saveRulePack('local-ads', yaml, hash(yaml), cliActor, { rules: 0 });
    expect(await b.rulePacksVersion()).toBeGreaterThan(v1);
    expect(await b.rulePacks()).toEqual([{ name: 'local-ads', yaml, hash: hash(yaml), updatedAt: expect.any(String) }]);
    expect((await b.listAudit({ limit: 1 }))[0]).toMatchObject({ action: 'rules.save', targetId: 'local-ads', details: { rules: 0 } });
    await expect(a.saveRulePack('../escape', yaml, hash(yaml), cliActor, {})).rejects.toThrow();
  });

  it('answers healthy() false while the database refuses connections, instead of throwing', async () => {
    const url = await dbs.fresh();
    const store = await openStore(url);
    expect(await store.healthy()).toBe(true);
    const name = new URL(url).pathname.slice(1);
    await superuser(TEST_PG_URL, async (c) => {
      await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    });
    try {
      expect(await store.healthy()).toBe(false);
    } finally {
      await superuser(TEST_PG_URL, (c) => c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`));
    }
    expect(await store.healthy()).toBe(true);
  });
});
