import { existsSync } from 'node:fs';
import { ImageFiles } from '../../store/sqlite/image-files';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { cliActor, makeTenant, makeUser } from '../harness/fixtures';
import { tempDir } from '../harness/temp';
import { age, cli, itemIn } from './helpers';

const future = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('shenhe retention run (clause 16, invariant 5)', () => {
  let dir: string;
  let cleanup: () => void;
  let store: SqliteStore;
  let tenant: string;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir('shenhe-retention-'));
    store = new SqliteStore(dir);
    tenant = (await makeTenant(store)).id;
  });
  afterEach(async () => {
    await store.close();
    cleanup();
  });

  it('dry-run --as-of a future date lists finished items as purged and held items as held, and deletes nothing', async () => {
    const mod = await makeUser(store, 'moderator');
    const pub = await itemIn(store, tenant, 'published', { reviewer: mod });
    const rej = await itemIn(store, tenant, 'rejected', { reviewer: mod });
    const blk = await itemIn(store, tenant, 'blocked');
    const waiting = await itemIn(store, tenant, 'pending_review');
    const heldDone = await itemIn(store, tenant, 'blocked');
    const heldWaiting = await itemIn(store, tenant, 'pending_review');
    await store.openIncident({ title: 'leak', itemIds: [heldDone, heldWaiting], actor: cliActor });

    const soon = cli(dir, ['retention', 'run', '--dry-run', '--as-of', future(30)]);
    expect(soon.status).toBe(0);
    expect(soon.json()).toMatchObject({ purged: [], held: [] });

    const r = cli(dir, ['retention', 'run', '--dry-run', '--as-of', future(61)]);
    expect(r.status).toBe(0);
    const out = r.json() as { purged: string[]; held: string[] };
    expect(out.purged.sort()).toEqual([pub, rej, blk].sort());
    expect(out.held.sort()).toEqual([heldDone, heldWaiting].sort());
    expect(out.purged).not.toContain(waiting);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 6 });
  });

  it('honours SHENHE_RETENTION_DAYS', async () => {
    const blk = await itemIn(store, tenant, 'blocked');
    expect((cli(dir, ['retention', 'run', '--dry-run', '--as-of', future(61)], { SHENHE_RETENTION_DAYS: '90' }).json() as { purged: string[] }).purged).toEqual(
      [],
    );
    expect((cli(dir, ['retention', 'run', '--dry-run', '--as-of', future(91)], { SHENHE_RETENTION_DAYS: '90' }).json() as { purged: string[] }).purged).toEqual(
      [blk],
    );
    const low = cli(dir, ['retention', 'run', '--dry-run'], { SHENHE_RETENTION_DAYS: '30' });
    expect(low.status).toBe(1);
    expect(low.stderr).toContain('SHENHE_RETENTION_DAYS');
  });

  it('purges old finished items with everything hanging off them, keeps held, young and unfinished ones, and audits', async () => {
    const mod = await makeUser(store, 'moderator');
    const old = await itemIn(store, tenant, 'rejected', { reviewer: mod });
    const oldBlocked = await itemIn(store, tenant, 'blocked');
    const held = await itemIn(store, tenant, 'published', { reviewer: mod });
    const young = await itemIn(store, tenant, 'published', { reviewer: mod });
    const stuck = await itemIn(store, tenant, 'pending_review');
    const images = new ImageFiles(dir);
    images.writeDurably(old, 0, 'orig', Buffer.from('img'));
    images.writeDurably(held, 0, 'orig', Buffer.from('img'));
    for (const id of [old, oldBlocked, held, stuck]) age(store, id, 61);
    age(store, young, 59);
    store.db.prepare('UPDATE items SET legal_hold = 1 WHERE id = ?').run(held);
    // a delivery with an attempt, so the cascade reaches two levels down
    store.db
      .prepare(
        `INSERT INTO webhook_deliveries (id, tenant_id, item_id, decision_id, type, body, status, created_at) VALUES ('dl_x', ?, ?, 'dc_x', 'content.rejected', '{}', 'failed', '2000-01-01')`,
      )
      .run(tenant, old);
    store.db.prepare(`INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, duration_ms) VALUES ('dl_x', 1, '2000-01-01', 5)`).run();

    const r = cli(dir, ['retention', 'run']);
    expect(r.status).toBe(0);
    const out = r.json() as { purged: string[]; held: string[] };
    expect(out.purged.sort()).toEqual([old, oldBlocked].sort());
    expect(out.held).toEqual([held]);
    for (const table of ['items', 'verdicts', 'review_leases', 'decisions', 'webhook_deliveries', 'images']) {
      const col = table === 'items' ? 'id' : 'item_id';
      expect(store.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${col} IN (?, ?)`).get(old, oldBlocked)).toEqual({ n: 0 });
    }
    expect(store.db.prepare(`SELECT COUNT(*) AS n FROM webhook_attempts WHERE delivery_id = 'dl_x'`).get()).toEqual({ n: 0 });
    expect(existsSync(images.file(old, 0, 'orig'))).toBe(false);
    expect(existsSync(images.file(held, 0, 'orig'))).toBe(true);
    for (const id of [held, young, stuck]) expect(store.items.byId(id)).not.toBeNull();
    // the audit rows stay: they are the record of what was deleted
    expect(store.db.prepare(`SELECT COUNT(*) AS n FROM audit WHERE target_id = ?`).get(old)).toEqual({ n: 2 });
    const purge = store.db.prepare(`SELECT details FROM audit WHERE action = 'retention.purge'`).get() as { details: string };
    expect(JSON.parse(purge.details).items.sort()).toEqual([old, oldBlocked].sort());
    expect(cli(dir, ['audit', 'verify']).status).toBe(0);
  });

  it('the store itself refuses to delete held or unfinished items', async () => {
    const held = await itemIn(store, tenant, 'blocked');
    const waiting = await itemIn(store, tenant, 'pending_review');
    store.db.prepare('UPDATE items SET legal_hold = 1 WHERE id = ?').run(held);
    store.db.exec('DELETE FROM verdicts');
    expect(() => store.db.prepare('DELETE FROM items WHERE id = ?').run(held)).toThrow(/LEGAL_HOLD/);
    expect(() => store.db.prepare('DELETE FROM items WHERE id = ?').run(waiting)).toThrow(/STATUS_GUARD/);
  });

  it.each([[['--as-of', '2099-01-01']], [['--dry-run', '--as-of', 'tomorrow']], [['--dry-run', '--as-of', '2099-02-30']]])(
    'usage errors exit 2: %j',
    (args) => {
      const r = cli(dir, ['retention', 'run', ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    },
  );
});
