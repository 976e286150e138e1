import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId } from '../../lib/ids';
import { TestSystem, type StaffClient, type TestTenant } from '../harness/system';
import { sqliteOf } from '../harness/fixtures';

type Report = { items: number; changed: Record<string, number>; byRule: Record<string, { hits: number; approved: number; rejected: number }> };

describe('console: the rule editor backtests a pack before it is saved (CONTRACT §13)', () => {
  let sys: TestSystem;
  let tenant: TestTenant;
  let officer: StaffClient;
  let rulesDir: string;

  beforeAll(async () => {
    rulesDir = mkdtempSync(path.join(os.tmpdir(), 'shenhe-bt-rules-'));
    sys = await TestSystem.start({ env: { SHENHE_RULES_DIR: rulesDir } });
    tenant = await sys.tenant();
    officer = await sys.staff('officer');
    const senior = await sys.staff('senior');
    const texts: Array<[string, 'approve' | 'reject']> = [
      ['小区门口新开了一家螺蛳粉店，味道正宗', 'approve'],
      ['螺蛳粉批发，加我私聊拿货价', 'reject'],
      ['今天天气不错，出去走走', 'approve'],
    ];
    for (const [text, action] of texts) {
      const { body } = await sys.post<{ id: string }>(tenant, { externalId: newId('bt'), text });
      await sys.until(async () => (await sys.store.getItem(body.id))?.status === 'pending_review', 15_000, 'pending_review');
      const r = await senior.post<{ decided: number }>('/api/review/bulk', {
        itemIds: [body.id],
        action,
        categories: action === 'reject' ? ['advertising'] : [],
      });
      expect(r.body.decided).toBe(1);
    }
  });
  afterAll(async () => {
    await sys.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  it('reports what the edited pack would change and how staff decided the items its rules hit, changing nothing', async () => {
    const auditBefore = sqliteOf(sys.store).auditLog.list({ limit: 1 })[0].seq;
    const yaml = 'category: advertising\nrules:\n  - id: local.snail\n    terms: [螺蛳粉]\n';
    const r = await officer.post<Report>('/api/console/rules/packs/local/backtest', { yaml, tenant: tenant.id });
    expect(r.status).toBe(200);
    expect(r.body.items).toBe(3);
    expect(r.body.byRule).toEqual({ 'local.snail': { hits: 2, approved: 1, rejected: 1 } });
    expect(r.body.changed['pass->review'] ?? 0).toBeGreaterThanOrEqual(1);
    expect(sqliteOf(sys.store).auditLog.list({ limit: 1 })[0].seq).toBe(auditBefore);
  });

  it('refuses invalid packs (400), bad dates (400) and roles that may not edit rules (403)', async () => {
    const bad = await officer.post('/api/console/rules/packs/local/backtest', {
      yaml: 'category: advertising\nrules:\n  - id: ads.wechat\n    terms: [重复]\n',
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PACK' } } });
    const date = await officer.post('/api/console/rules/packs/local/backtest', { yaml: 'category: rumor\nrules: []\n', since: '2026-02-30' });
    expect(date).toMatchObject({ status: 400, body: { error: { code: 'INVALID_BODY' } } });
    const senior = await sys.staff('senior');
    expect((await senior.post('/api/console/rules/packs/local/backtest', { yaml: 'category: rumor\nrules: []\n' })).status).toBe(403);
  });
});
