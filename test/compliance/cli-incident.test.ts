import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { makeTenant } from '../harness/fixtures';
import { tempDir } from '../harness/temp';
import { cli, itemIn } from './helpers';

describe('shenhe incident open (clause 17)', () => {
  let dir: string;
  let cleanup: () => void;
  let store: SqliteStore;
  let tenant: string;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir('shenhe-incident-'));
    store = new SqliteStore(dir);
    tenant = (await makeTenant(store)).id;
  });
  afterEach(async () => {
    await store.close();
    cleanup();
  });

  it('opens with a 24-hour deadline, holds the items and orders three alarms', async () => {
    const a = await itemIn(store, tenant, 'blocked');
    const b = await itemIn(store, tenant, 'pending_review');
    const r = cli(dir, ['incident', 'open', '--title', '境外攻击导致违法信息传播', '--item', a, '--item', b]);
    expect(r.status).toBe(0);
    const out = r.json() as { id: string; openedAt: string; deadlineAt: string };
    expect(out.id).toMatch(/^in_/);
    expect(Date.parse(out.deadlineAt) - Date.parse(out.openedAt)).toBe(24 * 3600_000);
    expect(Math.abs(Date.parse(out.openedAt) - Date.now())).toBeLessThan(60_000);
    expect(store.items.byId(a)?.legalHold).toBe(true);
    expect(store.items.byId(b)?.legalHold).toBe(true);
    const alarms = store.db.prepare(`SELECT job_id FROM outbox WHERE topic = 'alarms' ORDER BY id`).all() as Array<{ job_id: string }>;
    expect(alarms.map((x) => x.job_id)).toEqual([`alarm-${out.id}-t6h`, `alarm-${out.id}-t1h`, `alarm-${out.id}-deadline`]);
    expect(store.db.prepare(`SELECT COUNT(*) AS n FROM audit WHERE action = 'incident.open' AND target_id = ?`).get(out.id)).toEqual({ n: 1 });
    const shown = cli(dir, ['incident', 'show', '--id', out.id]).json() as { items: unknown[]; steps: unknown[]; overdue: boolean };
    expect(shown.items).toHaveLength(2);
    expect(shown.overdue).toBe(false);
  });

  it('an unknown item id fails (exit 1) and opens nothing', async () => {
    const a = await itemIn(store, tenant, 'blocked');
    const r = cli(dir, ['incident', 'open', '--title', 'x', '--item', a, '--item', 'it_unknown']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('it_unknown');
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM incidents').get()).toEqual({ n: 0 });
    expect(store.items.byId(a)?.legalHold).toBe(false);
  });

  it('needs a title (exit 2)', () => {
    expect(cli(dir, ['incident', 'open']).status).toBe(2);
    expect(cli(dir, ['incident', 'open', '--title', '   ']).status).toBe(2);
  });

  it('steps and closing with the report reference; a closed incident takes no more steps', () => {
    const { id } = cli(dir, ['incident', 'open', '--title', 'x']).json() as { id: string };
    expect(cli(dir, ['incident', 'step', '--id', id, '--text', '已断开受影响服务器']).status).toBe(0);
    const closed = cli(dir, ['incident', 'close', '--id', id, '--reference', '京公网安报 2024-001']);
    expect(closed.status).toBe(0);
    expect(closed.json()).toMatchObject({ status: 'closed', reportReference: '京公网安报 2024-001' });
    expect(cli(dir, ['incident', 'step', '--id', id, '--text', 'late']).status).toBe(1);
  });
});
