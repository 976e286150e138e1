import { newId, nowIso } from '../../../lib/ids';
import type { Store } from '../../../store/store';
import { cliActor, makeItem, makeTenant, makeUser } from '../../harness/fixtures';
import { eachTestStore, KINDS } from './stores';

const passVerdict = { suggestion: 'pass' as const, risk: 0.2, labels: [], engine: { rules: 't', model: 't' } };
const blockVerdict = { suggestion: 'block' as const, risk: 1, labels: [], engine: { rules: 't', model: 't' } };
const officer = { type: 'user' as const, id: 'us_officer', name: 'officer', ip: null };

describe.each(KINDS)('store contract (%s): compliance and console', (kind) => {
  const sut = eachTestStore(kind);
  let store: Store;
  beforeEach(() => (store = sut.store));

  async function blockedItem(tenantId: string): Promise<string> {
    const id = await makeItem(store, tenantId);
    await store.recordVerdict(id, blockVerdict);
    return id;
  }

  describe('legal hold and incidents', () => {
    it('holds and releases an item by hand, audited; an incident’s item stays held (409 INCIDENT_HOLD)', async () => {
      const { id: tenantId } = await makeTenant(store);
      const id = await blockedItem(tenantId);
      await store.setLegalHold(id, true, officer, { hold: true, reason: 'dispute' });
      expect((await store.getItem(id))?.legalHold).toBe(true);
      await store.setLegalHold(id, false, officer, { hold: false, reason: 'settled' });
      expect((await store.getItem(id))?.legalHold).toBe(false);
      await expect(store.setLegalHold('it_missing', true, officer, {})).rejects.toMatchObject({ status: 404, code: 'ITEM_NOT_FOUND' });

      const incident = await store.openIncident({ title: '泄露', itemIds: [id], actor: officer });
      expect(incident).toMatchObject({ status: 'open', openedBy: { id: officer.id }, closedBy: null });
      expect(await store.incidentItems(incident.id)).toEqual([expect.objectContaining({ itemId: id, legalHold: true, status: 'blocked' })]);
      await expect(store.setLegalHold(id, false, officer, {})).rejects.toMatchObject({ status: 409, code: 'INCIDENT_HOLD' });
      expect((await store.listAudit({ limit: 50, targetType: 'item', targetId: id })).map((e) => e.action)).toContain('item.legal_hold');
    });

    it('runs an incident: three alarms through the outbox, steps, more items, alarms sent once, closed for good', async () => {
      const { id: tenantId } = await makeTenant(store);
      const first = await blockedItem(tenantId);
      const second = await blockedItem(tenantId);
      const incident = await store.openIncident({ title: 't', description: 'd', itemIds: [first], actor: officer, now: new Date('2030-01-01T00:00:00Z') });
      expect(incident.deadlineAt).toBe('2030-01-02T00:00:00.000Z');
      expect((await store.incidentAlarms(incident.id)).map((a) => a.kind)).toEqual(['t6h', 't1h', 'deadline']);
      expect((await store.pendingOutbox(100)).filter((o) => o.topic === 'alarms').map((o) => o.jobId)).toEqual([
        `alarm-${incident.id}-t6h`,
        `alarm-${incident.id}-t1h`,
        `alarm-${incident.id}-deadline`,
      ]);
      await expect(store.openIncident({ title: 'x', itemIds: ['it_missing'], actor: officer })).rejects.toMatchObject({ code: 'ITEM_NOT_FOUND' });
      expect(await store.addIncidentItems(incident.id, [first, second], officer)).toEqual([second]);
      const step = await store.addIncidentStep(incident.id, '已联系网警', officer);
      expect(step).toMatchObject({ kind: 'note', text: '已联系网警', actor: { id: officer.id } });
      expect(await store.markAlarmSent(incident.id, 't6h', 'sent')).toBe(true);
      expect(await store.markAlarmSent(incident.id, 't6h', 'sent')).toBe(false);
      expect((await store.pendingAlarms()).map((a) => a.kind)).toEqual(['t1h', 'deadline']);
      const closed = await store.closeIncident(incident.id, 'REF-1', null, officer);
      expect(closed).toMatchObject({ status: 'closed', reportReference: 'REF-1', closedBy: { id: officer.id } });
      await expect(store.addIncidentStep(incident.id, 'late', officer)).rejects.toMatchObject({ code: 'INCIDENT_CLOSED' });
      expect(await store.pendingAlarms()).toEqual([]);
      expect((await store.incidentSteps(incident.id)).map((s) => s.kind)).toEqual(['opened', 'items', 'items', 'note', 'alarm', 'closed']);
      expect((await store.listIncidents()).map((i) => i.id)).toEqual([incident.id]);
      expect(await store.getIncident(incident.id)).toEqual(closed);
    });
  });

  describe('officer registry (clauses 18–19)', () => {
    it('keeps one security officer and any reviewers per tenant, audited, and flags stale details once per version', async () => {
      const { id: tenantId } = await makeTenant(store);
      const now = nowIso();
      const so = {
        id: newId('of'),
        tenantId,
        kind: 'security_officer' as const,
        name: '张三',
        phone: '13800138000',
        email: 'so@example.cn',
        createdAt: now,
        updatedAt: now,
      };
      expect(await store.officerRegistered(tenantId)).toBe(false);
      await store.registerOfficer(so, officer);
      const again = await store.registerOfficer({ ...so, id: newId('of'), email: 'so2@example.cn' }, officer);
      expect(again.id).toBe(so.id);
      expect(await store.officerRegistered(tenantId)).toBe(true);
      const reviewer = await store.addReviewer(tenantId, { name: '李四', phone: '13900139000', email: 'r@example.cn' }, officer);
      expect((await store.updateReviewer(tenantId, reviewer.id, { name: '李四', phone: '1', email: 'r2@example.cn' }, officer)).email).toBe('r2@example.cn');
      await expect(store.updateReviewer(tenantId, so.id, { name: 'x', phone: '1', email: 'x@example.cn' }, officer)).rejects.toMatchObject({
        code: 'OFFICER_NOT_FOUND',
      });
      expect((await store.officersOf(tenantId)).map((o) => o.kind)).toEqual(['reviewer', 'security_officer']);
      const incident = await store.openIncident({ title: 't', itemIds: [await blockedItem(tenantId)], actor: officer });
      expect(await store.incidentOfficerEmails(incident.id)).toEqual(['so2@example.cn']);

      const later = Date.now() + 200 * 86_400_000;
      expect((await store.staleOfficers(180, later)).map((o) => o.id).sort()).toEqual([reviewer.id, so.id].sort());
      expect(await store.remindStaleOfficers(180, later)).toBe(2);
      expect(await store.remindStaleOfficers(180, later)).toBe(0);
      await store.confirmOfficer(tenantId, so.id, officer);
      expect((await store.staleOfficers(180, Date.now())).length).toBe(0);
      await store.removeReviewer(tenantId, reviewer.id, officer);
      await expect(store.removeReviewer(tenantId, so.id, officer)).rejects.toMatchObject({ code: 'OFFICER_NOT_FOUND' });
      expect((await store.officersOf(tenantId)).map((o) => o.id)).toEqual([so.id]);
    });
  });

  describe('retention', () => {
    it('purges finished, unheld items older than the cutoff with everything hanging off them, and keeps the rest', async () => {
      const { id: tenantId } = await makeTenant(store, 'https://example.com/hook');
      const old = await blockedItem(tenantId);
      const held = await blockedItem(tenantId);
      const waiting = await makeItem(store, tenantId);
      await store.putImageBytes(old, 0, 'thumb', Buffer.from('png'));
      await store.setLegalHold(held, true, officer, {});
      const plan = await store.planRetention(60, new Date(Date.now() + 61 * 86_400_000));
      expect(plan.purge).toEqual([old]);
      expect(plan.held).toEqual([held]);
      expect(plan.purge).not.toContain(waiting);
      expect(await store.purgeItems(plan, cliActor)).toEqual([old]);
      expect(await store.getItem(old)).toBeNull();
      expect(await store.imageBytes(old, 0, 'thumb')).toBeNull();
      expect(await store.getItem(held)).not.toBeNull();
      expect((await store.listAudit({ limit: 5 }))[0]).toMatchObject({ action: 'retention.purge', details: { items: [old], count: 1 } });
      expect(await store.verifyAudit()).toMatchObject({ ok: true });
    });
  });

  describe('exports and image bytes', () => {
    it('exports each selected item with its whole record, and registers the export with its audit row', async () => {
      const { id: tenantId } = await makeTenant(store);
      const id = await makeItem(store, tenantId, '含关键词的内容');
      await makeItem(store, tenantId, 'other');
      await store.recordVerdict(id, blockVerdict);
      const day = nowIso().slice(0, 10);
      const seen: Array<Record<string, unknown>> = [];
      const n = await store.exportItems({ from: day, to: day, tenantId, authorId: null, keyword: '关键词' }, (item) => seen.push(item));
      expect(n).toBe(1);
      expect(seen[0]).toMatchObject({
        id,
        tenantId,
        status: 'blocked',
        legalHold: false,
        author: { id: 'a1', name: null, ip: null },
        images: [],
        verdict: blockVerdict,
        decisions: [expect.objectContaining({ action: 'block', reviewer: null, categories: [] })],
        deliveries: [],
      });
      expect(Object.keys(seen[0])).toEqual([
        'id',
        'tenantId',
        'tenantName',
        'externalId',
        'kind',
        'title',
        'text',
        'url',
        'meta',
        'author',
        'sourceIp',
        'status',
        'legalHold',
        'createdAt',
        'updatedAt',
        'images',
        'verdict',
        'decisions',
        'deliveries',
        'audit',
      ]);
      const rec = {
        id: newId('ex'),
        createdAt: nowIso(),
        requester: '公安',
        reason: '调查',
        filters: { from: day, to: day, tenantId, authorId: null, keyword: null },
        rows: 1,
        bytes: 10,
        sha256: 'ab'.repeat(32),
        file: 'x.jsonl',
      };
      await store.recordExport(rec, officer);
      expect(await store.getExport(rec.id)).toEqual({ ...rec, actor: { type: 'user', id: officer.id, name: officer.name } });
      expect((await store.listExports()).map((e) => e.id)).toEqual([rec.id]);
      expect((await store.listAudit({ limit: 1 }))[0]).toMatchObject({ action: 'export.create', targetId: rec.id });
    });

    it('keeps image bytes per item, index and variant', async () => {
      const { id: tenantId } = await makeTenant(store);
      const id = await makeItem(store, tenantId);
      await store.putImageBytes(id, 0, 'orig', Buffer.from([1, 2, 3]));
      await store.putImageBytes(id, 0, 'thumb', Buffer.from([4]));
      expect(await store.imageBytes(id, 0, 'orig')).toEqual(Buffer.from([1, 2, 3]));
      expect(await store.imageBytes(id, 1, 'orig')).toBeNull();
      await store.removeImageBytes(id);
      expect(await store.imageBytes(id, 0, 'thumb')).toBeNull();
    });
  });

  describe('console and housekeeping', () => {
    it('updates tenants and users, audited, never leaving no enabled admin (409 LAST_ADMIN)', async () => {
      const { id: tenantId } = await makeTenant(store);
      await store.updateTenant(tenantId, { name: '新名字', callbackUrl: 'https://example.com/h' }, officer, 'tenant.update', { name: '新名字' });
      expect(await store.getTenant(tenantId)).toMatchObject({ name: '新名字', callbackUrl: 'https://example.com/h', siteUrl: null, disabled: false });
      expect((await store.listTenants()).map((t) => t.id)).toEqual([tenantId]);
      await expect(store.updateTenant('tn_missing', { name: 'x' }, officer, 'tenant.update', {})).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' });

      const admin = await makeUser(store, 'admin');
      await expect(store.updateUser(admin.id, { role: 'moderator' }, officer, 'user.update', {})).rejects.toMatchObject({ status: 409, code: 'LAST_ADMIN' });
      const second = await makeUser(store, 'admin');
      const now = nowIso();
      await store.createSession('s1', { userId: admin.id, csrfToken: 'c', createdAt: now, lastSeenAt: now, expiresAt: '2999-01-01' }, null, officer);
      const demoted = await store.updateUser(admin.id, { role: 'senior', settings: { theme: 'dark' } }, officer, 'user.update', {}, { mode: 'all' });
      expect(demoted).toMatchObject({ role: 'senior', settings: { theme: 'dark' }, disabled: false });
      expect(await store.getSession('s1')).toBeNull();
      expect((await store.listUsers()).map((u) => u.id).sort()).toEqual([admin.id, second.id].sort());
    });

    it('replays only a failed delivery, through the outbox', async () => {
      const { id: tenantId } = await makeTenant(store, 'https://example.com/hook');
      const id = await blockedItem(tenantId);
      const [delivery] = await store.pendingDeliveries();
      await expect(store.replayDelivery(delivery.id, officer)).rejects.toMatchObject({ status: 409, code: 'NOT_FAILED' });
      expect(await store.markDeliveryFailed(delivery.id)).toBe(true);
      const replayed = await store.replayDelivery(delivery.id, officer);
      expect(replayed).toMatchObject({ id: delivery.id, status: 'pending', itemId: id });
      expect((await store.pendingOutbox(100)).some((o) => o.jobId === `publish-${delivery.decisionId}-r0`)).toBe(true);
      expect((await store.listDeliveries({ limit: 10, tenantId })).map((d) => d.id)).toEqual([delivery.id]);
    });

    it('searches items by status, text and category, riskiest first', async () => {
      const { id: tenantId } = await makeTenant(store);
      const a = await makeItem(store, tenantId, '加微信 100% 返利');
      const b = await makeItem(store, tenantId, '普通评论');
      await store.recordVerdict(a, { ...passVerdict, risk: 0.9, labels: [{ category: 'fraud', score: 0.9, hits: [] }] } as never);
      await store.recordVerdict(b, passVerdict);
      const all = await store.searchItems({ statuses: ['pending_review'], page: 1, pageSize: 10 });
      expect(all.total).toBe(2);
      expect(all.rows.map((r) => r.item.id)).toEqual([a, b]);
      expect(all.rows[0].categories).toEqual(['fraud']);
      expect((await store.searchItems({ statuses: ['pending_review'], text: '100%', page: 1, pageSize: 10 })).rows.map((r) => r.item.id)).toEqual([a]);
      expect((await store.searchItems({ statuses: ['pending_review'], category: 'fraud', page: 1, pageSize: 10 })).total).toBe(1);
      const item = (await store.getItem(a)) as NonNullable<Awaited<ReturnType<Store['getItem']>>>;
      expect((await store.authorHistory(item, 10)).map((r) => r.item.id)).toEqual([b]);
    });

    it('lists a moderator’s open leases, an item’s decisions and a tenant’s waiting items', async () => {
      const { id: tenantId } = await makeTenant(store);
      const a = await makeItem(store, tenantId, 'a');
      const b = await makeItem(store, tenantId, 'b');
      for (const id of [a, b]) await store.recordVerdict(id, passVerdict);
      expect((await store.waitingItems(tenantId, 10)).map((w) => w.id).sort()).toEqual([a, b].sort());
      const mod = await makeUser(store, 'moderator');
      await store.openLease({ itemId: a, user: mod, queue: 'review', jobId: 'j', leaseId: 'ls_a', leaseSeconds: 60, ip: null });
      expect((await store.leasesOfUser(mod.id, nowIso())).map((l) => l.id)).toEqual(['ls_a']);
      await store.decide({ leaseId: 'ls_a', user: mod, action: 'escalate', categories: [], note: null, ip: null });
      expect((await store.decisionsOf(a)).map((d) => d.action)).toEqual(['escalate']);
      expect(await store.leasesOfUser(mod.id, nowIso())).toEqual([]);
      expect((await store.waitingItems(tenantId, 10)).map((w) => w.id)).toEqual([b]);
    });

    it('clocks in once and out once, audited', async () => {
      const mod = await makeUser(store, 'moderator');
      const actor = { type: 'user' as const, id: mod.id, name: mod.username, ip: null };
      expect(await store.clockIn(mod, actor)).toBe(true);
      expect(await store.clockIn(mod, actor)).toBe(false);
      expect((await store.onDuty()).map((s) => s.userId)).toEqual([mod.id]);
      expect(await store.clockOut(mod, actor)).toBe(true);
      expect(await store.clockOut(mod, actor)).toBe(false);
      expect(await store.onDuty()).toEqual([]);
      expect(await store.recentShifts(5)).toEqual([expect.objectContaining({ userId: mod.id, username: mod.username, role: 'moderator' })]);
    });

    it('claims a daily run once across processes, gives it back after a failure, and tidies', async () => {
      const other = await sut.another();
      const claims = await Promise.all([store, other, store, other].map((s) => s.claimDailyRun('retention:last-day', '2030-01-01')));
      expect(claims.filter(Boolean)).toHaveLength(1);
      await store.releaseDailyRun('retention:last-day', '2030-01-01');
      expect(await other.claimDailyRun('retention:last-day', '2030-01-01')).toBe(true);
      expect(await other.claimDailyRun('retention:last-day', '2030-01-02')).toBe(true);

      const user = await makeUser(store, 'moderator');
      await store.createSession(
        'old',
        { userId: user.id, csrfToken: 'c', createdAt: '2020-01-01', lastSeenAt: '2020-01-01', expiresAt: '2020-01-02' },
        null,
        officer,
      );
      const { id: tenantId } = await makeTenant(store);
      await makeItem(store, tenantId);
      await store.relayOutbox(100, async () => undefined);
      expect(await store.tidy(nowIso(), '2999-01-01')).toEqual({ outbox: 1, sessions: 1 });
      expect(await store.healthy()).toBe(true);
    });
  });

  describe('outbox relay', () => {
    it('marks rows dispatched only when send succeeds', async () => {
      const { id: tenantId } = await makeTenant(store);
      const id = await makeItem(store, tenantId);
      await expect(store.relayOutbox(10, async () => Promise.reject(new Error('redis down')))).rejects.toThrow('redis down');
      expect((await store.pendingOutbox(10)).map((r) => r.jobId)).toEqual([`screen-${id}`]);
      const sent: string[] = [];
      expect(await store.relayOutbox(10, async (rows) => void sent.push(...rows.map((r) => r.jobId)))).toBe(1);
      expect(sent).toEqual([`screen-${id}`]);
      expect(await store.pendingOutbox(10)).toEqual([]);
      expect(await store.relayOutbox(10, async () => undefined)).toBe(0);
    });
  });

  describe('audit trail', () => {
    it('verifies the chain with its anchor, and re-anchors audited', async () => {
      await store.audit(officer, 'test.one', null, {});
      const trail = await store.verifyAuditTrail();
      expect(trail).toMatchObject({ ok: true, lastSeq: 1, anchor: { seq: 1 } });
      await store.reanchorAudit(cliActor);
      const after = await store.verifyAuditTrail();
      expect(after).toMatchObject({ ok: true, lastSeq: 2 });
      expect((await store.listAudit({ limit: 1 }))[0].action).toBe('audit.reanchor');
    });
  });
});
