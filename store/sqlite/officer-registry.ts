import { appError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Officer } from '../rows';
import type { Actor } from '../store';
import type { SqliteStore } from './sqlite-store';
import { toOfficer, type OfficerRow } from './tenants';
import { appendAudit } from './audit-helpers';

/** Clauses 18–19: the security officer (one per tenant, kept by store.registerOfficer) and the content reviewers. */
export function officersOf(store: SqliteStore, tenantId: string): Officer[] {
  return store.officers.forTenant(tenantId);
}

export function addReviewer(store: SqliteStore, tenantId: string, details: { name: string; phone: string; email: string }, actor: Actor): Officer {
  return store.tx(() => {
    if (!store.tenants.byId(tenantId)) throw appError('TENANT_NOT_FOUND');
    const now = new Date().toISOString();
    const o: Officer = { id: newId('of'), tenantId, kind: 'reviewer', ...details, createdAt: now, updatedAt: now };
    store.db
      .prepare('INSERT INTO officers (id, tenant_id, kind, name, phone, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(o.id, o.tenantId, o.kind, o.name, o.phone, o.email, o.createdAt, o.updatedAt);
    appendAudit(store, actor, 'tenant.reviewer_add', { type: 'tenant', id: tenantId }, { officerId: o.id });
    return o;
  });
}

function byId(store: SqliteStore, tenantId: string, officerId: string): Officer {
  const r = store.db.prepare('SELECT * FROM officers WHERE id = ? AND tenant_id = ?').get(officerId, tenantId) as OfficerRow | undefined;
  if (!r) throw appError('OFFICER_NOT_FOUND');
  return toOfficer(r);
}

export function updateReviewer(
  store: SqliteStore,
  tenantId: string,
  officerId: string,
  details: { name: string; phone: string; email: string },
  actor: Actor,
): Officer {
  return store.tx(() => {
    const o = byId(store, tenantId, officerId);
    if (o.kind !== 'reviewer') throw appError('OFFICER_NOT_FOUND');
    const now = new Date().toISOString();
    store.db
      .prepare('UPDATE officers SET name = ?, phone = ?, email = ?, updated_at = ? WHERE id = ?')
      .run(details.name, details.phone, details.email, now, officerId);
    appendAudit(store, actor, 'tenant.reviewer_update', { type: 'tenant', id: tenantId }, { officerId });
    return byId(store, tenantId, officerId);
  });
}

/** The security officer cannot be removed (the ingest gate depends on one); reviewers can. */
export function removeReviewer(store: SqliteStore, tenantId: string, officerId: string, actor: Actor): void {
  store.tx(() => {
    const o = byId(store, tenantId, officerId);
    if (o.kind !== 'reviewer') throw appError('OFFICER_NOT_FOUND');
    store.db.prepare(`DELETE FROM officers WHERE id = ? AND kind = 'reviewer'`).run(officerId);
    appendAudit(store, actor, 'tenant.reviewer_remove', { type: 'tenant', id: tenantId }, { officerId, name: o.name });
  });
}

/** "Still correct": restarts the review clock without changing the details. */
export function confirmOfficer(store: SqliteStore, tenantId: string, officerId: string, actor: Actor): Officer {
  return store.tx(() => {
    byId(store, tenantId, officerId);
    store.db.prepare('UPDATE officers SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), officerId);
    appendAudit(store, actor, 'tenant.officer_confirm', { type: 'tenant', id: tenantId }, { officerId });
    return byId(store, tenantId, officerId);
  });
}

export interface StaleOfficer extends Officer {
  tenantName: string;
  ageDays: number;
}

/** Contact details last confirmed more than `days` ago. */
export function staleOfficers(store: SqliteStore, days: number, now = Date.now()): StaleOfficer[] {
  const cutoff = new Date(now - days * 86_400_000).toISOString();
  return (
    store.db
      .prepare('SELECT o.*, t.name AS tenant_name FROM officers o JOIN tenants t ON t.id = o.tenant_id WHERE o.updated_at < ? ORDER BY o.updated_at')
      .all(cutoff) as Array<OfficerRow & { tenant_name: string }>
  ).map((r) => ({
    ...toOfficer(r),
    tenantName: r.tenant_name,
    ageDays: Math.floor((now - Date.parse(r.updated_at)) / 86_400_000),
  }));
}

/** One audit reminder per stale officer per version of their details (not one a day). Returns how many were written. */
export function remindStaleOfficers(store: SqliteStore, days: number, now = Date.now()): number {
  let n = 0;
  for (const o of staleOfficers(store, days, now)) {
    const key = `officer-review:${o.id}`;
    store.tx(() => {
      const seen = store.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
      if (seen?.value === o.updatedAt) return;
      store.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, o.updatedAt);
      appendAudit(
        store,
        { type: 'system', id: null, name: 'officer-review', ip: null },
        'officer.review_due',
        { type: 'tenant', id: o.tenantId },
        {
          officerId: o.id,
          kind: o.kind,
          lastConfirmed: o.updatedAt,
          reviewDays: days,
        },
      );
      n++;
    });
  }
  return n;
}
