import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backtestFilters, runBacktest, withChangedPacks, type BacktestItem } from '../../rules/backtest';
import { loadClassifier } from '../../rules/filter';
import { loadPacks, parsePack, shippedPacksDir } from '../../rules/packs';
import { storePath } from '../../store/sqlite/db';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { makeItem, makeTenant, makeUser } from '../harness/fixtures';
import { tempDir } from '../harness/temp';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'shenhe.js');
const passVerdict = { suggestion: 'pass' as const, risk: 0, labels: [], engine: { rules: 't', model: 't' } };

function shenhe(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('shenhe rules backtest (CONTRACT §13)', () => {
  let dir: string;
  let rulesDir: string;
  let cleanup: () => void;
  let tenantA: string;
  let tenantB: string;

  /** Items of the two tenants, some decided by moderators, screened and stored as a live system would. */
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('shenhe-backtest-'));
    const store = new SqliteStore(dir);
    tenantA = (await makeTenant(store)).id;
    tenantB = (await makeTenant(store)).id;
    const mod = await makeUser(store, 'moderator');
    const decide = (id: string, action: 'approve' | 'reject', seq: number) =>
      store.db
        .prepare(`INSERT INTO decisions (id, item_id, user_id, action, categories, decided_at) VALUES (?, ?, ?, ?, '[]', ?)`)
        .run(`dc-${seq}`, id, mod.id, action, new Date().toISOString());
    const items: Array<[string, string, 'approve' | 'reject' | null]> = [
      [tenantA, '今天做了红烧肉，全家都说好吃', 'approve'],
      [tenantA, '红烧肉配米饭，真香', 'reject'],
      [tenantA, '妈妈做的红烧肉最好吃', 'reject'],
      [tenantA, '周末去爬山，风景很好', 'approve'],
      [tenantA, '代购茅台酒，保真', null],
      [tenantB, '红烧肉的做法分享', 'approve'],
    ];
    let seq = 0;
    for (const [tenant, text, action] of items) {
      const id = await makeItem(store, tenant, text);
      await store.recordVerdict(id, passVerdict);
      if (action) decide(id, action, seq++);
    }
    // One old item, outside a --since window.
    const old = await makeItem(store, tenantA, '去年的红烧肉');
    store.db.prepare(`UPDATE items SET created_at = '2025-01-01T00:00:00.000Z' WHERE id = ?`).run(old);
    await store.close();

    rulesDir = path.join(dir, 'try');
    mkdirSync(rulesDir);
    writeFileSync(
      path.join(rulesDir, 'trial.yaml'),
      [
        'category: advertising',
        'rules:',
        '  - id: trial.pork',
        '    terms: [红烧肉]',
        '  - id: trial.liquor',
        '    action: block',
        '    terms: [代购茅台]',
        '  - id: trial.never',
        '    terms: [从来不会出现的词]',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => cleanup());

  it('counts changed suggestions and joins each tried rule’s hits with the decisions already made, changing nothing', () => {
    const before = sha(storePath(dir));
    const r = shenhe(['rules', 'backtest', '--rules', rulesDir, '--since', '2026-01-01'], { SHENHE_DATA_DIR: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { items: number; changed: Record<string, number>; byRule: Record<string, unknown> };
    expect(report.items).toBe(6);
    expect(report.changed).toEqual({ 'pass->review': 4, 'pass->block': 1 });
    expect(report.byRule).toEqual({
      'trial.pork': { hits: 4, approved: 2, rejected: 2 },
      'trial.liquor': { hits: 1, approved: 0, rejected: 0 },
      'trial.never': { hits: 0, approved: 0, rejected: 0 },
    });
    expect(sha(storePath(dir))).toBe(before);
    expect(existsSync(`${storePath(dir)}-wal`) && readFileSync(`${storePath(dir)}-wal`).length > 0).toBe(false);
  });

  it('takes one tenant’s items with --tenant, and the last 60 days by default', () => {
    const a = JSON.parse(shenhe(['rules', 'backtest', '--rules', rulesDir, '--tenant', tenantA], { SHENHE_DATA_DIR: dir }).stdout) as {
      items: number;
      byRule: Record<string, { hits: number }>;
    };
    expect(a.items).toBe(5);
    expect(a.byRule['trial.pork'].hits).toBe(3);
    const b = JSON.parse(shenhe(['rules', 'backtest', '--rules', rulesDir, '--tenant', tenantB], { SHENHE_DATA_DIR: dir }).stdout) as { items: number };
    expect(b.items).toBe(1);
    const all = JSON.parse(shenhe(['rules', 'backtest', '--rules', rulesDir, '--since', '2024-12-31'], { SHENHE_DATA_DIR: dir }).stdout) as { items: number };
    expect(all.items).toBe(7);
  });

  it('refuses a bad date or folder (exit 2), and a missing store or an invalid pack (exit 1)', () => {
    expect(shenhe(['rules', 'backtest', '--rules', rulesDir, '--since', '2026-13-01'], { SHENHE_DATA_DIR: dir }).code).toBe(2);
    expect(shenhe(['rules', 'backtest', '--rules', path.join(dir, 'nope')], { SHENHE_DATA_DIR: dir }).code).toBe(2);
    const empty = tempDir('shenhe-backtest-empty-');
    try {
      const r = shenhe(['rules', 'backtest', '--rules', rulesDir], { SHENHE_DATA_DIR: empty.dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/no store/);
      expect(existsSync(storePath(empty.dir))).toBe(false);
    } finally {
      empty.cleanup();
    }
    const bad = path.join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'dup.yaml'), 'category: advertising\nrules:\n  - id: ads.wechat\n    terms: [x]\n');
    const r = shenhe(['rules', 'backtest', '--rules', bad], { SHENHE_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ads\.wechat/);
  });
});

describe('runBacktest', () => {
  it('counts exactly what screening every item with both whole filters would (the classifier is skipped only where the rules agree)', async () => {
    const inForce = loadPacks([shippedPacksDir()]);
    // A pack that adds hits, one that blocks, and an allow phrase that takes hits away from a shipped rule.
    const trial = parsePack(
      'category: advertising\nrules:\n  - id: t.noodles\n    terms: [牛肉面]\n  - id: t.block\n    action: block\n    terms: [日结]\nallow: [加微信详聊]\n',
      'trial.yaml',
    );
    const model = loadClassifier();
    expect(model).not.toBeNull();
    const filters = backtestFilters(inForce, withChangedPacks(inForce, [trial]), model);
    const fragments = ['这家牛肉面很好吃', '需要的朋友可以加微信详聊', '兼职日结，手机就能做', '你这个傻逼', '今天天气很好', '加我微信领红包', '楼主说得对'];
    const items: BacktestItem[] = [];
    for (let i = 0; i < 300; i++) {
      const text = [fragments[i % 7], fragments[(i * 3) % 7], fragments[(i * 5 + 1) % 7]].slice(0, 1 + (i % 3)).join('，');
      items.push({ id: `i${i}`, title: null, text, decision: i % 4 === 0 ? 'reject' : i % 4 === 1 ? 'approve' : null });
    }
    async function* batches() {
      yield items.slice(0, 120);
      yield items.slice(120);
    }
    const report = await runBacktest(batches(), filters, ['t.noodles', 't.block']);

    const expected: Record<string, number> = {};
    for (const it of items) {
      const was = filters.before.screen({ text: it.text! }).suggestion;
      const now = filters.after.screen({ text: it.text! }).suggestion;
      if (was !== now) expected[`${was}->${now}`] = (expected[`${was}->${now}`] ?? 0) + 1;
    }
    expect(report.items).toBe(300);
    expect(report.changed).toEqual(expected);
    expect(Object.keys(report.changed).length).toBeGreaterThanOrEqual(2);
    expect(report.byRule['t.noodles'].hits).toBe(items.filter((i) => i.text!.includes('牛肉面')).length);
  });
});
