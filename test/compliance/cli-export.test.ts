import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import { makeTenant, makeUser } from '../harness/fixtures';
import { tempDir } from '../harness/temp';
import { cli, itemIn, today } from './helpers';

describe('shenhe export (clause 16)', () => {
  let dir: string;
  let cleanup: () => void;
  let store: SqliteStore;
  let t1: string;
  let t2: string;
  let published: string;
  let rejected: string;
  let reviewerName: string;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('shenhe-export-'));
    store = new SqliteStore(dir);
    t1 = (await makeTenant(store)).id;
    t2 = (await makeTenant(store)).id;
    const mod = await makeUser(store, 'moderator');
    reviewerName = mod.username;
    published = await itemIn(store, t1, 'published', { reviewer: mod, authorIp: '203.0.113.9', text: '今天天气不错' });
    rejected = await itemIn(store, t1, 'rejected', { reviewer: mod, text: '加微信领红包' });
    await itemIn(store, t2, 'blocked', { text: '另一个站点' });
    await itemIn(store, t1, 'pending_review');
    store.db.prepare(`UPDATE items SET author_id = 'u-42' WHERE id = ?`).run(rejected);
  });
  afterAll(async () => {
    await store.close();
    cleanup();
  });

  it("writes JSON Lines with verdicts, decisions, reviewers and IPs, and a manifest whose sha256 is the file's", () => {
    const out = path.join(dir, 'out', 'records.jsonl');
    const r = cli(dir, ['export', '--from', today(), '--to', today(), '--tenant', t1, '--reason', '公安机关调取 (case 2024-17)', '--out', out]);
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8')) as Record<string, unknown>;
    expect(r.json()).toEqual(manifest);
    const bytes = readFileSync(out);
    expect(manifest).toMatchObject({
      rows: 3,
      from: today(),
      to: today(),
      tenant: t1,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    });
    expect(typeof manifest.createdAt).toBe('string');
    interface Line {
      id: string;
      tenantId: string;
      sourceIp: string;
      author: { ip: string };
      verdict: unknown;
      decisions: unknown[];
      audit: Array<{ action: string }>;
    }
    const lines = bytes
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.tenantId === t1)).toBe(true);
    const pub = lines.find((l) => l.id === published)!;
    expect(pub.author.ip).toBe('203.0.113.9');
    expect(pub.sourceIp).toBe('198.51.100.7');
    expect(pub.verdict).toMatchObject({ suggestion: 'pass' });
    expect(pub.decisions).toEqual([
      expect.objectContaining({ action: 'approve', reviewer: expect.objectContaining({ username: reviewerName, role: 'moderator' }) }),
    ]);
    expect(pub.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['review.claim', 'review.approve']));
  });

  it('filters by author and keyword', () => {
    const out = path.join(dir, 'kw.jsonl');
    const byKeyword = cli(dir, ['export', '--from', today(), '--to', today(), '--keyword', '微信', '--out', out]);
    expect(byKeyword.status).toBe(0);
    expect(byKeyword.json().rows).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8').trim()).id).toBe(rejected);
    const byAuthor = cli(dir, ['export', '--from', today(), '--to', today(), '--author', 'u-42', '--out', path.join(dir, 'a.jsonl')]);
    expect(byAuthor.json().rows).toBe(1);
    const none = cli(dir, ['export', '--from', '2000-01-01', '--to', '2000-01-31', '--out', path.join(dir, 'none.jsonl')]);
    expect(none.json()).toMatchObject({ rows: 0, sha256: createHash('sha256').update('').digest('hex') });
  });

  it('audits every export with who asked and the legal basis', () => {
    const out = path.join(dir, 'audited.jsonl');
    const r = cli(dir, ['export', '--from', today(), '--to', today(), '--reason', '网信办依法调取', '--requester', '某市网信办', '--out', out]);
    expect(r.status).toBe(0);
    const row = store.db.prepare(`SELECT * FROM audit WHERE action = 'export.create' ORDER BY seq DESC LIMIT 1`).get() as {
      actor_type: string;
      details: string;
    };
    expect(row.actor_type).toBe('cli');
    expect(JSON.parse(row.details)).toMatchObject({ reason: '网信办依法调取', requester: '某市网信办', rows: 4, sha256: r.json().sha256 });
  });

  it.each([
    [['--from', '2024-13-01', '--to', '2024-12-31']],
    [['--from', '2024-02-30', '--to', '2024-03-01']],
    [['--from', '2024-03-02', '--to', '2024-03-01']],
    [['--from', 'yesterday', '--to', '2024-03-01']],
    [['--from', '2024-03-01']],
  ])('refuses bad dates %j with a usage error (exit 2)', (args) => {
    const r = cli(dir, ['export', ...args, '--out', path.join(dir, 'bad.jsonl')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('needs --out (exit 2) and a known tenant (exit 1)', () => {
    expect(cli(dir, ['export', '--from', today(), '--to', today()]).status).toBe(2);
    expect(cli(dir, ['export', '--from', today(), '--to', today(), '--tenant', 'tn_nope', '--out', path.join(dir, 'x.jsonl')]).status).toBe(1);
  });
});
