import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { makeTenant } from '../harness/fixtures';
import { tempDir } from '../harness/temp';
import { cli } from './helpers';

/** Behind the system's back: the sqlite3 shell on the database file, triggers dropped first. */
function sqlite(dir: string, sql: string): void {
  execFileSync('sqlite3', [path.join(dir, 'shenhe.db'), `DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete; ${sql}`]);
}

function rehash(row: Record<string, unknown>): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        row.seq,
        row.at,
        row.actor_type,
        row.actor_id,
        row.actor_name,
        row.ip,
        row.action,
        row.target_type,
        row.target_id,
        row.details,
        row.prev_hash,
      ]),
    )
    .digest('hex');
}

const hasSqlite3 = (() => {
  try {
    execFileSync('sqlite3', ['-version']);
    return true;
  } catch {
    return false;
  }
})();

(hasSqlite3 ? describe : describe.skip)('shenhe audit verify: tampering in the database file', () => {
  let dir: string;
  let cleanup: () => void;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir('shenhe-audit-'));
    const store = new SqliteStore(dir);
    for (let i = 0; i < 5; i++) await makeTenant(store);
    await store.close();
  });
  afterEach(() => cleanup());

  const verify = () => cli(dir, ['audit', 'verify']);

  it('intact: exit 0', () => {
    const r = verify();
    expect(r.status).toBe(0);
    expect(r.json()).toMatchObject({ ok: true, count: 5 });
  });

  it('an altered row: exit 1 naming it', () => {
    sqlite(dir, `UPDATE audit SET details = '{"name":"forged"}' WHERE seq = 3;`);
    const r = verify();
    expect(r.status).toBe(1);
    expect(r.json()).toMatchObject({ ok: false, brokenSeq: 3 });
    expect(r.stderr).toContain('entry 3');
  });

  it('a deleted middle row: exit 1 naming it', () => {
    sqlite(dir, 'DELETE FROM audit WHERE seq = 2;');
    expect(verify().json()).toMatchObject({ ok: false, brokenSeq: 2 });
  });

  it('the last rows deleted: exit 1', () => {
    sqlite(dir, 'DELETE FROM audit WHERE seq >= 4;');
    const r = verify();
    expect(r.status).toBe(1);
    expect(r.json()).toMatchObject({ ok: false, brokenSeq: 4 });
  });

  it('the last rows deleted and the AUTOINCREMENT counter reset too: the anchor outside the database catches it', () => {
    sqlite(dir, `DELETE FROM audit WHERE seq >= 4; UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit';`);
    const r = verify();
    expect(r.status).toBe(1);
    expect(r.json()).toMatchObject({ ok: false, brokenSeq: 4 });
  });

  it('all rows deleted: exit 1', () => {
    sqlite(dir, `DELETE FROM audit; DELETE FROM sqlite_sequence WHERE name = 'audit';`);
    expect(verify().status).toBe(1);
  });

  it('a row altered and every later hash recomputed: the anchor catches it', async () => {
    const store = new SqliteStore(dir);
    const rows = store.db.prepare('SELECT * FROM audit ORDER BY seq').all() as Array<Record<string, unknown>>;
    await store.close();
    let prev = rows[1].hash as string;
    const updates: string[] = [];
    for (const row of rows.slice(2)) {
      const changed = { ...row, details: row.seq === 3 ? '{"name":"forged"}' : row.details, prev_hash: prev };
      const hash = rehash(changed);
      updates.push(`UPDATE audit SET details = '${String(changed.details)}', prev_hash = '${prev}', hash = '${hash}' WHERE seq = ${String(row.seq)};`);
      prev = hash;
    }
    sqlite(dir, updates.join(' '));
    const r = verify();
    expect(r.status).toBe(1);
    expect(r.json()).toMatchObject({ ok: false, brokenSeq: 5 });
  });

  it('a missing anchor fails until re-anchored on purpose (which is audited)', () => {
    rmSync(path.join(dir, 'audit-anchor.json'));
    expect(verify().status).toBe(1);
    const re = cli(dir, ['audit', 'verify', '--reanchor']);
    expect(re.status).toBe(0);
    expect(re.json()).toMatchObject({ ok: true, count: 6 });
  });

  it('new entries after a verify keep the chain and the anchor in step', async () => {
    const store = new SqliteStore(dir);
    await makeTenant(store);
    await store.close();
    expect(verify().json()).toMatchObject({ ok: true, count: 6, lastSeq: 6 });
  });
});
