import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestSystem, type TestTenant } from '../harness/system';
import { tempDir } from '../harness/temp';
import { sqliteOf } from '../harness/fixtures';

type Polled = { status: string; verdict?: { labels: Array<{ hits: Array<{ rule: string }> }> } };

describe('rule packs in SHENHE_RULES_DIR', () => {
  let sys: TestSystem;
  let tenant: TestTenant;
  let rulesDir: string;
  let cleanup: () => void;

  beforeAll(async () => {
    ({ dir: rulesDir, cleanup } = tempDir('shenhe-rules-'));
    sys = await TestSystem.start({ env: { SHENHE_RULES_DIR: rulesDir } });
    tenant = await sys.tenant();
  });
  afterAll(async () => {
    await sys.close();
    cleanup();
  });

  async function rulesHit(text: string): Promise<string[]> {
    const { body } = await sys.post<{ id: string }>(tenant, { externalId: `rr-${Math.random()}`, text });
    const done = await sys.until(
      async () => {
        const r = await sys.poll<Polled>(tenant, body.id);
        return r.body.verdict ? r.body : null;
      },
      10_000,
      'verdict',
    );
    return done.verdict!.labels.flatMap((l) => l.hits.map((h) => h.rule));
  }

  it('picks up a new pack in a running system within 10 seconds, refuses an invalid one, and audits both', async () => {
    expect(await rulesHit('绝密暗号青龙')).not.toContain('op.dragon');
    writeFileSync(path.join(rulesDir, 'operator.yaml'), 'category: other_illegal\nversion: op-1\nrules:\n  - id: op.dragon\n    terms: [暗号青龙]\n');
    await sys.until(async () => (await rulesHit('绝密暗号青龙')).includes('op.dragon'), 10_000, 'the new rule');

    writeFileSync(path.join(rulesDir, 'broken.yaml'), 'category: not_a_category\nrules:\n  - id: bad.one\n    terms: [x]\n');
    await sys.until(async () => sqliteOf(sys.store).db.prepare(`SELECT 1 FROM audit WHERE action = 'rules.refused'`).get(), 10_000, 'the refusal audit row');
    expect(await rulesHit('绝密暗号青龙')).toContain('op.dragon');
    expect(sqliteOf(sys.store).db.prepare(`SELECT 1 FROM audit WHERE action = 'rules.reload'`).get()).toBeTruthy();
  });
});
