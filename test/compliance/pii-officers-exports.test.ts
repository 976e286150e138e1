import { createHash } from 'node:crypto';
import { maskEmail, maskIp, maskName, maskPhone } from '../../lib/pii';
import { TestSystem } from '../harness/system';
import { itemIn, today } from './helpers';
import { sqliteOf } from '../harness/fixtures';

describe('lib/pii masks', () => {
  it.each([
    [maskIp('203.0.113.9'), '203.0.113.*'],
    [maskIp('::ffff:10.1.2.3'), '10.1.2.*'],
    [maskIp('2001:db8:1:2::5'), '2001:db8:1:*'],
    [maskPhone('13800138000'), '138****8000'],
    [maskPhone('+86 138-0013-8000'), '+86 138****8000'],
    [maskPhone('010-12345678'), '010-****5678'],
    [maskEmail('officer@example.cn'), 'o***@example.cn'],
    [maskName('张三丰'), '张**'],
    [maskIp(null), null],
  ])('%s = %s', (got, want) => expect(got).toBe(want));
});

describe('personal data, officer registry and exports over HTTP', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [] });
  });
  afterAll(async () => {
    await sys.close();
  });

  const auditCount = (action: string, userId: string): number =>
    (sqliteOf(sys.store).db.prepare('SELECT COUNT(*) AS n FROM audit WHERE action = ? AND actor_id = ?').get(action, userId) as { n: number }).n;

  it('author IPs: unmasked for officer/admin/auditor and audited; refused to moderators', async () => {
    const tenant = await sys.tenant();
    const item = await itemIn(sys.store, tenant.id, 'pending_review', { authorIp: '203.0.113.9' });
    const auditor = await sys.staff('auditor');
    const r = await auditor.get<{ author: { ip: string }; sourceIp: string; masked: { author: { ip: string } } }>(`/api/items/${item}/personal-data`);
    expect(r.status).toBe(200);
    expect(r.body.author.ip).toBe('203.0.113.9');
    expect(r.body.masked.author.ip).toBe('203.0.113.*');
    expect(auditCount('pii.view', auditor.user.id)).toBe(1);
    expect((await (await sys.staff('moderator')).get(`/api/items/${item}/personal-data`)).status).toBe(403);
  });

  it('officer registry: validated, masked for moderators, unmasked views audited, review reminder', async () => {
    const tenant = await sys.tenant();
    const officer = await sys.staff('officer');
    const bad = await officer.post(`/api/tenants/${tenant.id}/officers/reviewers`, { name: '李四', phone: '12345', email: 'li@example.cn' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('phone');
    const added = await officer.post<{ officer: { id: string } }>(`/api/tenants/${tenant.id}/officers/reviewers`, {
      name: '李四',
      phone: '021-87654321',
      email: 'li@example.cn',
    });
    expect(added.status).toBe(201);

    const mod = await sys.staff('moderator');
    const masked = await mod.get<{ officers: Array<{ kind: string; phone: string; email: string; masked: boolean }> }>(`/api/tenants/${tenant.id}/officers`);
    expect(masked.status).toBe(200);
    expect(masked.body.officers).toHaveLength(2);
    expect(masked.body.officers.find((o) => o.kind === 'security_officer')).toMatchObject({ phone: '138****8000', email: 'o***@example.cn', masked: true });
    expect(auditCount('pii.view', mod.user.id)).toBe(0);

    const full = await officer.get<{ officers: Array<{ kind: string; phone: string }> }>(`/api/tenants/${tenant.id}/officers`);
    expect(full.body.officers.find((o) => o.kind === 'reviewer')?.phone).toBe('021-87654321');
    expect(auditCount('pii.view', officer.user.id)).toBe(1);

    // details older than the review period show up as due, and confirming restarts the clock
    sqliteOf(sys.store).db.prepare(`UPDATE officers SET updated_at = '2000-01-01T00:00:00.000Z' WHERE id = ?`).run(added.body.officer.id);
    const due = await officer.get<{ officers: Array<{ id: string }> }>('/api/officers/review-due');
    expect(due.body.officers.map((o) => o.id)).toContain(added.body.officer.id);
    expect((await officer.post(`/api/tenants/${tenant.id}/officers/${added.body.officer.id}/confirm`)).status).toBe(200);
    expect((await officer.get<{ officers: Array<{ id: string }> }>('/api/officers/review-due')).body.officers.map((o) => o.id)).not.toContain(
      added.body.officer.id,
    );

    expect((await officer.request('DELETE', `/api/tenants/${tenant.id}/officers/reviewers/${added.body.officer.id}`)).status).toBe(200);
    expect(
      sqliteOf(sys.store)
        .db.prepare(
          `SELECT COUNT(*) AS n FROM audit WHERE action IN ('tenant.reviewer_add', 'tenant.officer_confirm', 'tenant.reviewer_remove') AND target_id = ?`,
        )
        .get(tenant.id),
    ).toEqual({ n: 3 });
  });

  it('exports: the legal basis is required; the file matches its manifest; downloads are audited', async () => {
    const tenant = await sys.tenant();
    await itemIn(sys.store, tenant.id, 'blocked');
    const officer = await sys.staff('officer');
    expect((await officer.post('/api/exports', { from: today(), to: today(), tenantId: tenant.id })).status).toBe(400);
    expect((await officer.post('/api/exports', { from: '2024-02-30', to: today(), reason: 'x' })).status).toBe(400);
    const created = await officer.post<{ id: string; manifest: { rows: number; sha256: string } }>('/api/exports', {
      from: today(),
      to: today(),
      tenantId: tenant.id,
      reason: '依法调取',
    });
    expect(created.status).toBe(201);
    expect(created.body.manifest.rows).toBe(1);
    const file = await fetch(`${sys.url}/api/exports/${created.body.id}/file`, { headers: { cookie: officer.cookie } });
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(created.body.manifest.sha256);
    expect(auditCount('export.download', officer.user.id)).toBe(1);
    const auditor = await sys.staff('auditor');
    expect(
      (await auditor.get<{ exports: Array<{ id: string; reason: string }> }>('/api/exports')).body.exports.find((e) => e.id === created.body.id)?.reason,
    ).toBe('依法调取');
    expect((await auditor.get(`/api/exports/${created.body.id}/file`)).status).toBe(403);
  });
});
