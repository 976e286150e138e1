import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StaffClient, TestSystem } from '../harness/system';
import { WebhookReceiver } from '../harness/receiver';
import { pendingItem } from './helpers';
import { sqliteOf } from '../harness/fixtures';

describe('console API: tenants, users, rules, deliveries, audit, duty and the live dashboard', () => {
  let sys: TestSystem;
  let admin: StaffClient;
  let officer: StaffClient;
  let receiver: WebhookReceiver;
  let rulesDir: string;

  beforeAll(async () => {
    rulesDir = mkdtempSync(path.join(os.tmpdir(), 'shenhe-oprules-'));
    sys = await TestSystem.start({ env: { SHENHE_RULES_DIR: rulesDir } });
    receiver = await new WebhookReceiver().start();
    admin = await sys.staff('admin');
    officer = await sys.staff('officer');
  });
  afterAll(async () => {
    await sys.close();
    await receiver.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  const ingest = (apiKey: string, externalId: string) =>
    fetch(`${sys.url}/v1/contents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ externalId, text: '你好' }),
    });

  it('creates a tenant, registers its security officer, and rotates its key', async () => {
    expect((await officer.post('/api/console/tenants', { name: '坏回调', callbackUrl: 'file:///etc/passwd' })).status).toBe(400);
    const created = await officer.post<{ id: string; apiKey: string; webhookSecret: string }>('/api/console/tenants', { name: '示例站点' });
    expect(created.status).toBe(201);
    const { id, apiKey } = created.body;
    expect((await ingest(apiKey, 'before-officer')).status).toBe(403);
    const bad = await officer.request('PUT', `/api/console/tenants/${id}/officer`, { name: '李四', phone: '12345', email: 'li@example.cn' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('phone');
    const good = await officer.request('PUT', `/api/console/tenants/${id}/officer`, { name: '李四', phone: '010-62345678', email: 'li@example.cn' });
    expect(good.status).toBe(200);
    expect((await ingest(apiKey, 'after-officer')).status).toBe(202);

    const rotated = await officer.post<{ apiKey: string }>(`/api/console/tenants/${id}/rotate-key`);
    // Key lookups are cached for two seconds at most (api/ingest/tenant-auth.ts).
    await sys.until(async () => (await ingest(apiKey, 'old-key')).status === 401, 5000, 'old key refused');
    expect((await ingest(rotated.body.apiKey, 'new-key')).status).toBe(202);
    const secret = await officer.post<{ webhookSecret: string }>(`/api/console/tenants/${id}/rotate-secret`);
    expect(secret.body.webhookSecret).toMatch(/^whsec/);
    const listed = await admin.get<{ tenants: Array<{ id: string; officerComplete: boolean; apiKeyHint: string }> }>('/api/console/tenants');
    const row = listed.body.tenants.find((t) => t.id === id);
    expect(row).toMatchObject({ officerComplete: true, apiKeyHint: rotated.body.apiKey.slice(-4) });
    expect(JSON.stringify(listed.body)).not.toContain('apiKeyHash');
    const actions = sqliteOf(sys.store)
      .auditLog.list({ limit: 20, targetType: 'tenant', targetId: id })
      .map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['tenant.create', 'tenant.officer', 'tenant.rotate_key', 'tenant.rotate_secret']));
    expect(
      sqliteOf(sys.store)
        .auditLog.list({ limit: 20, targetType: 'tenant', targetId: id })
        .find((e) => e.action === 'tenant.create')?.actorId,
    ).toBe(officer.user.id);
  });

  it('keeps the console to its roles', async () => {
    const mod = await sys.staff('moderator');
    const auditor = await sys.staff('auditor');
    expect((await mod.get('/api/console/tenants')).status).toBe(403);
    expect((await mod.get('/api/console/users')).status).toBe(403);
    expect((await mod.get('/api/console/audit')).status).toBe(403);
    expect((await mod.get('/api/console/deliveries')).status).toBe(403);
    expect((await officer.post('/api/console/users', { username: 'x-officer-made', role: 'admin', password: 'longenough' })).status).toBe(403);
    expect((await auditor.get('/api/console/audit')).status).toBe(200);
    expect((await auditor.get('/api/console/users')).status).toBe(200);
    expect((await auditor.post('/api/console/tenants', { name: 'nope' })).status).toBe(403);
    expect((await auditor.post('/api/duty/clock-in')).status).toBe(403);
    const noCsrf = await admin.request('POST', '/api/console/tenants', { name: 'csrf' }, { 'x-csrf-token': '' });
    expect(noCsrf.status).toBe(403);
  });

  it('creates, re-roles and disables users; disabling ends their sessions; the last admin stays', async () => {
    const created = await admin.post<{ user: { id: string } }>('/api/console/users', { username: 'new-mod', role: 'moderator', password: 'password-123' });
    expect(created.status).toBe(201);
    expect((await admin.post('/api/console/users', { username: 'new-mod', role: 'moderator', password: 'password-123' })).status).toBe(409);
    expect((await admin.post('/api/console/users', { username: 'short', role: 'moderator', password: 'x' })).status).toBe(400);
    const session = await StaffClient.login(sys.url, 'new-mod', 'password-123');
    expect((await session.get('/api/items')).status).toBe(200);
    const id = created.body.user.id;
    expect((await admin.request('PATCH', `/api/console/users/${id}`, { role: 'senior' })).status).toBe(200);
    expect((await session.get('/api/items')).status).toBe(401);
    expect((await admin.request('PATCH', `/api/console/users/${id}`, { disabled: true })).status).toBe(200);
    await expect(StaffClient.login(sys.url, 'new-mod', 'password-123')).rejects.toThrow(/401/);
    expect((await admin.request('PATCH', `/api/console/users/${admin.user.id}`, { disabled: true })).status).toBe(400);
  });

  it('tests a text against the rules in force and saves a validated operator pack that the filter picks up', async () => {
    const tested = await officer.post<{ verdict: { labels: Array<{ hits: Array<{ rule: string; text: string }> }> } }>('/api/console/rules/test', {
      text: '可以加微信聊',
    });
    expect(tested.status).toBe(200);
    expect(tested.body.verdict.labels.flatMap((l) => l.hits.map((h) => h.rule))).toContain('ads.wechat');
    const invalid = await officer.request('PUT', '/api/console/rules/packs/local', { yaml: 'category: not_a_category\nrules: []\n' });
    expect(invalid.status).toBe(400);
    expect((invalid.body as { error: { code: string } }).error.code).toBe('INVALID_PACK');
    const clash = await officer.request('PUT', '/api/console/rules/packs/local', {
      yaml: 'category: advertising\nrules:\n  - id: ads.wechat\n    terms: [重复]\n',
    });
    expect(clash.status).toBe(400);
    const yaml = 'category: rumor\nrules:\n  - id: local.test-rumor\n    terms: [控制台测试词]\n';
    const saved = await officer.request('PUT', '/api/console/rules/packs/local', { yaml });
    expect(saved.status).toBe(200);
    expect(readFileSync(path.join(rulesDir, 'local.yaml'), 'utf8')).toBe(yaml);
    await sys.until(
      async () => {
        const r = await officer.post<{ verdict: { labels: Array<{ hits: Array<{ rule: string }> }> } }>('/api/console/rules/test', {
          text: '这是控制台测试词',
        });
        return r.body.verdict.labels.some((l) => l.hits.some((h) => h.rule === 'local.test-rumor'));
      },
      15_000,
      'reloaded rules',
    );
    const packs = await officer.get<{ packs: Array<{ name: string; source: string; editable: boolean }> }>('/api/console/rules');
    expect(packs.body.packs.find((p) => p.name === 'local')).toMatchObject({ source: 'operator', editable: true });
    expect(sqliteOf(sys.store).auditLog.list({ limit: 5, targetType: 'rule_pack', targetId: 'local' })[0].action).toBe('rules.save');
    expect((await (await sys.staff('moderator')).post('/api/console/rules/test', { text: 'x' })).status).toBe(403);
  });

  it('replays a failed webhook delivery', async () => {
    const tenant = await sys.tenant({ callbackUrl: receiver.url });
    const id = await pendingItem(sys, tenant, { text: '投递重放' });
    const senior = await sys.staff('senior');
    await senior.post('/api/review/bulk', { itemIds: [id], action: 'approve' });
    const delivery = await sys.until(
      async () =>
        (await officer.get<{ deliveries: Array<{ id: string; itemId: string; status: string }> }>('/api/console/deliveries')).body.deliveries.find(
          (d) => d.itemId === id && d.status === 'delivered',
        ),
      15_000,
      'delivered',
    );
    expect((await officer.post(`/api/console/deliveries/${delivery.id}/replay`)).status).toBe(409);
    // A delivery that ran out of retries (forced here) goes back out on replay.
    await sqliteOf(sys.store).tx(() => sqliteOf(sys.store).db.prepare(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = ?`).run(delivery.id));
    const before = receiver.received.filter((r) => r.headers['x-shenhe-delivery'] === delivery.id).length;
    const replayed = await officer.post<{ delivery: { status: string } }>(`/api/console/deliveries/${delivery.id}/replay`);
    expect(replayed.status).toBe(200);
    expect(replayed.body.delivery.status).toBe('pending');
    await sys.until(async () => receiver.received.filter((r) => r.headers['x-shenhe-delivery'] === delivery.id).length > before, 15_000, 'replayed webhook');
    const detail = await sys.until(
      async () => {
        const r = await officer.get<{ delivery: { status: string }; attempts: unknown[] }>(`/api/console/deliveries/${delivery.id}`);
        return r.body.delivery.status === 'delivered' ? r : null;
      },
      15_000,
      'delivered again',
    );
    expect(detail.body.attempts.length).toBeGreaterThanOrEqual(2);
  });

  it('shows the audit log and verifies its chain', async () => {
    const auditor = await sys.staff('auditor');
    const v = await auditor.get<{ ok: boolean; count: number }>('/api/console/audit/verify');
    expect(v.body.ok).toBe(true);
    const page1 = await auditor.get<{ entries: Array<{ seq: number }>; next: number }>('/api/console/audit?limit=5');
    expect(page1.body.entries).toHaveLength(5);
    const page2 = await auditor.get<{ entries: Array<{ seq: number }> }>(`/api/console/audit?limit=5&before=${page1.body.next}`);
    expect(page2.body.entries[0].seq).toBeLessThan(page1.body.entries[4].seq);
  });

  it('streams the live dashboard with duty and the nobody-on-duty alarm', async () => {
    const tenant = await sys.tenant();
    await pendingItem(sys, tenant, { text: '值班监控' });
    const mod = await sys.staff('moderator');
    const first = await readSnapshot(mod);
    expect(first.queue.waiting).toBeGreaterThan(0);
    expect(first.alerts.map((a) => a.code)).toContain('NOBODY_ON_DUTY');
    expect((await mod.post('/api/duty/clock-in')).status).toBe(200);
    const second = await readSnapshot(mod);
    expect(second.onDuty.map((s) => s.username)).toContain(mod.user.username);
    expect(second.alerts.map((a) => a.code)).not.toContain('NOBODY_ON_DUTY');
    await mod.post('/api/duty/clock-out');
    expect((await mod.get<{ onDuty: unknown[] }>('/api/duty')).body.onDuty).toHaveLength(0);
  });

  it('stores per-user settings', async () => {
    const mod = await sys.staff('moderator');
    expect((await mod.request('PUT', '/api/me/settings', { greyscale: true, lang: 'en' })).status).toBe(200);
    expect((await mod.request('PUT', '/api/me/settings', { evil: 1 })).status).toBe(400);
    expect((await mod.get<{ user: { settings: Record<string, unknown> } }>('/api/session')).body.user.settings).toMatchObject({ greyscale: true, lang: 'en' });
  });
});

interface LiveSnapshot {
  queue: { waiting: number };
  onDuty: Array<{ username: string }>;
  alerts: Array<{ code: string }>;
}

/** Reads the first `snapshot` event of the SSE stream. */
async function readSnapshot(client: StaffClient): Promise<LiveSnapshot> {
  const controller = new AbortController();
  const res = await fetch(`${client.baseUrl}/api/dashboard/stream`, { headers: { cookie: client.cookie }, signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buf += Buffer.from(value).toString('utf8');
      const m = /event: snapshot\ndata: (.*)\n\n/.exec(buf);
      if (m) return JSON.parse(m[1]) as LiveSnapshot;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    controller.abort();
  }
}
