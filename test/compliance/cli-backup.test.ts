import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { dailyBackup, DAILY_KEEP_DAYS } from '../../compliance/backup';
import { ImageFiles } from '../../store/sqlite/image-files';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { makeTenant } from '../harness/fixtures';
import { tempDir } from '../harness/temp';
import { cli, itemIn } from './helpers';

describe('shenhe backup / restore', () => {
  let dir: string;
  let cleanup: () => void;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir('shenhe-backup-'));
  });
  afterEach(() => cleanup());

  it('backs up the live store, and restores it (refused while the store is in use)', async () => {
    let store = new SqliteStore(dir);
    const before = (await makeTenant(store)).id;
    const item = await itemIn(store, before, 'blocked');
    new ImageFiles(dir).writeDurably(item, 0, 'orig', Buffer.from('original image'));

    // an online backup while this process holds the store open
    const b = cli(dir, ['backup']);
    expect(b.status).toBe(0);
    const backup = b.json() as { path: string; bytes: number; sha256: string };
    expect(path.dirname(backup.path)).toBe(path.join(dir, 'backups'));
    expect(statSync(backup.path).size).toBe(backup.bytes);
    expect(createHash('sha256').update(readFileSync(backup.path)).digest('hex')).toBe(backup.sha256);
    expect(existsSync(`${backup.path}-wal`)).toBe(false);

    const after = (await makeTenant(store)).id;
    new ImageFiles(dir).removeItem(item);

    const refused = cli(dir, ['restore', '--from', backup.path]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/in use/);
    await store.close();

    const r = cli(dir, ['restore', '--from', backup.path]);
    expect(r.status).toBe(0);
    expect(r.json()).toMatchObject({ from: backup.path, imagesRestored: 1 });
    expect(existsSync(String(r.json().preRestoreBackup))).toBe(true);

    store = new SqliteStore(dir);
    try {
      expect(store.tenants.byId(before)).not.toBeNull();
      expect(store.tenants.byId(after)).toBeNull();
      expect(new ImageFiles(dir).read(item, 0, 'orig')?.toString()).toBe('original image');
      expect(store.db.prepare(`SELECT COUNT(*) AS n FROM audit WHERE action = 'store.restore'`).get()).toEqual({ n: 1 });
    } finally {
      await store.close();
    }
    // the restore shortened the log legitimately: the anchor followed, so the chain still verifies
    expect(cli(dir, ['audit', 'verify']).status).toBe(0);
  });

  it('writes to --out and refuses to overwrite', async () => {
    const store = new SqliteStore(dir);
    await makeTenant(store);
    await store.close();
    const out = path.join(dir, 'elsewhere', 'copy.db');
    expect(cli(dir, ['backup', '--out', out]).json()).toMatchObject({ path: out });
    expect(cli(dir, ['backup', '--out', out]).status).toBe(1);
  });

  it('refuses to restore something that is not a shenhe backup', () => {
    const junk = path.join(dir, 'junk.db');
    writeFileSync(junk, 'not sqlite');
    expect(cli(dir, ['restore', '--from', junk]).status).toBe(1);
    expect(cli(dir, ['restore', '--from', path.join(dir, 'missing.db')]).status).toBe(1);
    expect(cli(dir, ['restore']).status).toBe(2);
  });

  it('daily backups: one per day, rotated after DAILY_KEEP_DAYS (≥ 60) days', async () => {
    const store = new SqliteStore(dir);
    try {
      await makeTenant(store);
      const day = (n: number): Date => new Date(Date.UTC(2030, 0, 1) + n * 86_400_000);
      for (let n = 0; n < 70; n += 1) await dailyBackup(store, dir, day(n));
      const again = await dailyBackup(store, dir, day(69));
      expect(again.created).toBeNull();
      const kept = readdirSync(path.join(dir, 'backups')).filter((f) => /^daily-.*\.db$/.test(f));
      expect(DAILY_KEEP_DAYS).toBeGreaterThanOrEqual(60);
      expect(kept).toHaveLength(DAILY_KEEP_DAYS + 1); // today and the DAILY_KEEP_DAYS days before it
      // every one of the last 60 days can be restored
      for (let n = 10; n < 70; n += 1) expect(kept).toContain(`daily-${day(n).toISOString().slice(0, 10)}.db`);
    } finally {
      await store.close();
    }
  }, 120_000);
});
