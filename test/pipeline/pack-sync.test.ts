import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../lib/logger';
import { packHash } from '../../rules/pack-files';
import type { Verdict } from '../../rules/types';
import { SqliteStore } from '../../store/sqlite/sqlite-store';
import type { Actor } from '../../store/store';
import { TestSystem, waitFor, type StaffClient } from '../harness/system';
import { tempDir } from '../harness/temp';
import { PackSync } from '../../workers/pack-sync';

const officer: Actor = { type: 'user', id: 'us_officer', name: 'officer-1', ip: '127.0.0.1' };
const logger = createLogger('silent');

const pack = (term: string): string => `category: rumor\nrules:\n  - id: sync.rumor\n    terms: [${term}]\n`;

describe('PackSync: console-saved packs in the store, mirrored into a rules folder', () => {
  let store: SqliteStore;
  let rulesDir: string;
  let sync: PackSync;
  const cleanups: Array<() => void> = [];

  beforeEach(() => {
    const data = tempDir('shenhe-packsync-data-');
    const rules = tempDir('shenhe-packsync-rules-');
    cleanups.push(data.cleanup, rules.cleanup);
    store = new SqliteStore(data.dir);
    rulesDir = rules.dir;
    sync = new PackSync({ store, dir: rulesDir, logger, intervalMs: 50 });
  });
  afterEach(async () => {
    await sync.close();
    await store.close();
    for (const c of cleanups.splice(0)) c();
  });

  const save = (name: string, yaml: string, details: Record<string, unknown> = {}): Promise<void> =>
    store.saveRulePack(name, yaml, packHash(yaml), officer, details);

  it('writes a saved pack into the folder (0600) while polling, and rewrites it when it changes', async () => {
    expect(await store.rulePacksVersion()).toBe(0);
    sync.start();
    await save('local', pack('同步测试词'));
    const file = path.join(rulesDir, 'local.yaml');
    await waitFor(async () => existsSync(file), 10_000, 'the pack in the folder');
    expect(readFileSync(file, 'utf8')).toBe(pack('同步测试词'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(rulesDir)).toEqual(['local.yaml']);

    const before = await store.rulePacksVersion();
    await save('local', pack('第二版'));
    expect(await store.rulePacksVersion()).toBeGreaterThan(before);
    await waitFor(async () => readFileSync(file, 'utf8') === pack('第二版'), 10_000, 'the changed pack in the folder');
    expect(await store.rulePacks()).toEqual([{ name: 'local', yaml: pack('第二版'), hash: packHash(pack('第二版')), updatedAt: expect.any(String) }]);
  });

  it('audits the save in the same transaction, and refuses a name that is not a file name without a trace', async () => {
    await save('local', pack('审计'), { file: '/x/local.yaml', hash: packHash(pack('审计')), rules: 1, created: true });
    const [row] = await store.listAudit({ limit: 5, targetType: 'rule_pack', targetId: 'local' });
    expect(row).toMatchObject({
      action: 'rules.save',
      actorName: 'officer-1',
      details: { file: '/x/local.yaml', hash: packHash(pack('审计')), rules: 1, created: true },
    });

    await store.saveRulePack(
      'watch',
      pack('影子'),
      packHash(pack('影子')),
      officer,
      { pack: 'watch' },
      { action: 'rules.shadow_live', target: { type: 'rule', id: 'sync.rumor' } },
    );
    expect((await store.listAudit({ limit: 5, targetType: 'rule', targetId: 'sync.rumor' }))[0]).toMatchObject({
      action: 'rules.shadow_live',
      details: { pack: 'watch' },
    });

    const audits = (await store.listAudit({ limit: 100 })).length;
    // Matched on the message: the driver's error class may come from another module registry than this file's.
    await expect(save('../escape', pack('越界'))).rejects.toMatchObject({ message: expect.stringMatching(/CHECK/) });
    await expect(save('a/b', pack('越界'))).rejects.toMatchObject({ message: expect.stringMatching(/CHECK/) });
    expect((await store.listAudit({ limit: 100 })).length).toBe(audits);
    expect((await store.rulePacks()).map((p) => p.name)).toEqual(['local', 'watch']);
  });

  it('leaves the folder’s other files alone and keeps a pack’s existing .yml file', async () => {
    writeFileSync(path.join(rulesDir, 'hand.yaml'), pack('手写'));
    writeFileSync(path.join(rulesDir, 'old.yml'), pack('旧'));
    await save('old', pack('新'));
    await save('fresh', pack('全新'));
    expect((await sync.poll()).sort()).toEqual(['fresh', 'old']);
    expect(readdirSync(rulesDir).sort()).toEqual(['fresh.yaml', 'hand.yaml', 'old.yml']);
    expect(readFileSync(path.join(rulesDir, 'hand.yaml'), 'utf8')).toBe(pack('手写'));
    expect(readFileSync(path.join(rulesDir, 'old.yml'), 'utf8')).toBe(pack('新'));
    expect(await sync.poll()).toEqual([]);
  });

  it('replaces a hand edit of a saved pack one pass later (the first pass may be this process’s own save racing the read)', async () => {
    await save('local', pack('原文'));
    expect(await sync.poll()).toEqual(['local']);
    const file = path.join(rulesDir, 'local.yaml');
    writeFileSync(file, pack('手改'));
    expect(await sync.poll()).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(pack('手改'));
    expect(await sync.poll()).toEqual(['local']);
    expect(readFileSync(file, 'utf8')).toBe(pack('原文'));

    // A file removed by hand comes back at once: there is nothing it could be racing.
    rmSync(file);
    expect(await sync.poll()).toEqual(['local']);
    expect(readFileSync(file, 'utf8')).toBe(pack('原文'));
  });

  it('creates the folder when it is missing and tells a store outage by resolving to nothing', async () => {
    const missing = path.join(rulesDir, 'not-yet');
    const other = new PackSync({ store, dir: missing, logger });
    await save('local', pack('新目录'));
    expect(await other.poll()).toEqual(['local']);
    expect(readFileSync(path.join(missing, 'local.yaml'), 'utf8')).toBe(pack('新目录'));
    await store.close();
    expect(await other.poll()).toEqual([]);
    await other.close();
  });
});

type Hits = { verdict: Verdict };

/**
 * Two processes' worth of shenhe sharing one store (the same SQLite file; with PostgreSQL they would be on different
 * machines), each with its own rules folder: a pack saved through one api reaches the other's folder and filter.
 */
describe('console rule packs across processes with separate rules folders', () => {
  let a: TestSystem;
  let b: TestSystem;
  let dirA: string;
  let dirB: string;
  let officerA: StaffClient;
  let officerB: StaffClient;
  const cleanups: Array<() => void> = [];

  beforeAll(async () => {
    const ra = tempDir('shenhe-packsync-a-');
    const rb = tempDir('shenhe-packsync-b-');
    cleanups.push(ra.cleanup, rb.cleanup);
    dirA = ra.dir;
    dirB = rb.dir;
    writeFileSync(path.join(dirA, 'watch.yaml'), 'category: advertising\nrules:\n  - id: op.watch\n    mode: shadow\n    terms: [同步影子词]\n');
    a = await TestSystem.start({ env: { SHENHE_RULES_DIR: dirA } });
    b = await TestSystem.start({
      dataDir: a.dataDir,
      workers: [],
      env: { SHENHE_RULES_DIR: dirB, SHENHE_QUEUE_PREFIX: a.runtime.config.queuePrefix },
    });
    officerA = await a.staff('officer');
    officerB = await b.staff('officer');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    for (const c of cleanups) c();
  });

  const hits = async (client: StaffClient, text: string): Promise<string[]> =>
    (await client.post<Hits>('/api/console/rules/test', { text })).body.verdict.labels.flatMap((l) => l.hits.map((h) => h.rule));

  it('saves a pack through one api: it is in the store, audited, and in force in the other process', async () => {
    const invalid = await officerA.request('PUT', '/api/console/rules/packs/shared', { yaml: 'category: not_a_category\nrules: []\n' });
    expect(invalid.status).toBe(400);
    expect(await a.store.rulePacks()).toEqual([]);

    const yaml = pack('跨进程测试词');
    const saved = await officerA.request('PUT', '/api/console/rules/packs/shared', { yaml });
    expect(saved).toMatchObject({ status: 200, body: { name: 'shared', file: 'shared.yaml', hash: packHash(yaml) } });
    expect(await b.store.rulePacks()).toEqual([expect.objectContaining({ name: 'shared', yaml, hash: packHash(yaml) })]);
    expect((await a.store.listAudit({ limit: 5, targetType: 'rule_pack', targetId: 'shared' }))[0]).toMatchObject({
      action: 'rules.save',
      actorName: officerA.user.username,
      details: { file: path.join(dirA, 'shared.yaml'), hash: packHash(yaml), rules: 1, created: true },
    });
    expect(readFileSync(path.join(dirA, 'shared.yaml'), 'utf8')).toBe(yaml);

    await waitFor(async () => existsSync(path.join(dirB, 'shared.yaml')), 15_000, 'the pack in the other process’s folder');
    expect(readFileSync(path.join(dirB, 'shared.yaml'), 'utf8')).toBe(yaml);
    await waitFor(async () => (await hits(officerB, '这是跨进程测试词')).includes('sync.rumor'), 15_000, 'the rule in force in the other process');
    await waitFor(async () => (await hits(officerA, '这是跨进程测试词')).includes('sync.rumor'), 15_000, 'the rule in force in the saving process');
  });

  it('switches a shadow rule live through one api: the edited pack reaches the other process’s folder', async () => {
    expect(existsSync(path.join(dirB, 'watch.yaml'))).toBe(false);
    const live = await officerA.post('/api/console/rules/shadow/op.watch/live');
    expect(live).toMatchObject({ status: 200, body: { id: 'op.watch', mode: 'live', pack: 'watch' } });
    const edited = readFileSync(path.join(dirA, 'watch.yaml'), 'utf8');
    expect(edited).not.toMatch(/mode:/);
    expect((await b.store.rulePacks()).find((p) => p.name === 'watch')).toMatchObject({ yaml: edited, hash: packHash(edited) });
    expect((await a.store.listAudit({ limit: 5, targetType: 'rule', targetId: 'op.watch' }))[0]).toMatchObject({ action: 'rules.shadow_live' });
    await waitFor(
      async () => existsSync(path.join(dirB, 'watch.yaml')) && readFileSync(path.join(dirB, 'watch.yaml'), 'utf8') === edited,
      15_000,
      'the edited pack',
    );
    await waitFor(async () => (await hits(officerB, '同步影子词')).includes('op.watch'), 15_000, 'the live rule in the other process');
  });
});
