import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId } from '../../lib/ids';
import type { Verdict } from '../../rules/types';
import { TestSystem, type StaffClient, type TestTenant } from '../harness/system';
import { sqliteOf } from '../harness/fixtures';

const PACK = `# Watching a new spam wording before it counts.
category: advertising
rules:
  - id: op.snail
    label: spam
    mode: shadow   # switched live from the console once its hits look right
    terms: [螺蛳粉批发]
`;

type ShadowList = { rules: Array<{ id: string; items: number; hits: number; approved: number; rejected: number; undecided: number; editable: boolean }> };

describe('console: shadow rules on live traffic, switched live in one audited step (CONTRACT §13)', () => {
  let sys: TestSystem;
  let tenant: TestTenant;
  let rulesDir: string;
  let officer: StaffClient;

  beforeAll(async () => {
    rulesDir = mkdtempSync(path.join(os.tmpdir(), 'shenhe-shadow-'));
    writeFileSync(path.join(rulesDir, 'watch.yaml'), PACK);
    sys = await TestSystem.start({ env: { SHENHE_RULES_DIR: rulesDir } });
    tenant = await sys.tenant();
    officer = await sys.staff('officer');
  });
  afterAll(async () => {
    await sys.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  async function screened(text: string): Promise<{ id: string; verdict: Verdict }> {
    const { body } = await sys.post<{ id: string }>(tenant, { externalId: newId('sh'), text });
    const verdict = await sys.until(async () => (await sys.store.getVerdict(body.id))?.body, 15_000, 'verdict');
    await sys.until(async () => (await sys.store.getItem(body.id))?.status !== 'screening', 15_000, 'screened');
    return { id: body.id, verdict };
  }

  it('shows each shadow rule’s hits with the decisions on them, then switches it live, audited, and it counts', async () => {
    const a = await screened('螺蛳粉批发，量大从优');
    expect(a.verdict.suggestion).toBe('pass');
    expect(a.verdict.labels).toEqual([]);
    expect(a.verdict.shadowHits).toEqual([{ rule: 'op.snail', category: 'advertising', field: 'text', start: 0, end: 5, text: '螺蛳粉批发' }]);
    const b = await screened('这家螺蛳粉批发店老板人很好');
    await screened('今天吃了螺蛳粉');
    const senior = await sys.staff('senior');
    await senior.post('/api/review/bulk', { itemIds: [a.id], action: 'reject', categories: ['advertising'] });
    await senior.post('/api/review/bulk', { itemIds: [b.id], action: 'approve' });

    const list = await officer.get<ShadowList>('/api/console/rules/shadow');
    expect(list.status).toBe(200);
    expect(list.body.rules).toEqual([expect.objectContaining({ id: 'op.snail', items: 2, hits: 2, approved: 1, rejected: 1, undecided: 0, editable: true })]);

    expect((await senior.post('/api/console/rules/shadow/op.snail/live')).status).toBe(403);
    const live = await officer.post('/api/console/rules/shadow/op.snail/live');
    expect(live).toMatchObject({ status: 200, body: { id: 'op.snail', mode: 'live' } });
    const yaml = readFileSync(path.join(rulesDir, 'watch.yaml'), 'utf8');
    expect(yaml).not.toMatch(/mode:/);
    expect(yaml).toContain('# Watching a new spam wording before it counts.');
    expect(sqliteOf(sys.store).auditLog.list({ limit: 5, targetType: 'rule', targetId: 'op.snail' })[0]).toMatchObject({
      action: 'rules.shadow_live',
      actorName: officer.user.username,
    });
    expect((await officer.post('/api/console/rules/shadow/op.snail/live')).status).toBe(404);

    // Once the reloader picks the pack up, the rule counts.
    await sys.until(
      async () => {
        const v = (await officer.post<{ verdict: Verdict }>('/api/console/rules/test', { text: '螺蛳粉批发' })).body.verdict;
        return v.labels.some((l) => l.hits.some((h) => h.rule === 'op.snail'));
      },
      20_000,
      'the rule live after reload',
    );
    // The screen thread reloads the packs on its own schedule: new items count the rule within seconds.
    const c = await sys.until(
      async () => {
        const v = (await screened('螺蛳粉批发，质量不错')).verdict;
        return v.labels.some((l) => l.hits.some((h) => h.rule === 'op.snail')) ? v : null;
      },
      20_000,
      'a screened item counting the rule',
    );
    expect(c.suggestion).toBe('review');
    expect(c.shadowHits).toBeUndefined();
  });
});
