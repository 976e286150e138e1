import { appError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Officer } from '../rows';
import type { StaleOfficer } from '../sqlite/officer-registry';
import { appendAudit, type AuditActor } from './audit';
import { run, type Sql } from './db';
import { officers, tenants } from './tenants';

type Details = { name: string; phone: string; email: string };

async function byIdOrThrow(c: Sql, tenantId: string, officerId: string, reviewerOnly = false): Promise<Officer> {
  const o = await officers.byId(c, tenantId, officerId);
  if (!o) throw appError('OFFICER_NOT_FOUND');
  if (reviewerOnly && o.kind !== 'reviewer') throw appError('OFFICER_NOT_FOUND');
  return o;
}

/** Clauses 18–19: the content reviewers beside the one security officer; each function runs in the caller's transaction. */
export const officerRegistry = {
  async addReviewer(c: Sql, tenantId: string, details: Details, actor: AuditActor): Promise<Officer> {
    if (!(await tenants.byId(c, tenantId))) throw appError('TENANT_NOT_FOUND');
    const now = new Date().toISOString();
    const o: Officer = { id: newId('of'), tenantId, kind: 'reviewer', ...details, createdAt: now, updatedAt: now };
    await officers.insert(c, o);
    await appendAudit(c, actor, 'tenant.reviewer_add', { type: 'tenant', id: tenantId }, { officerId: o.id });
    return o;
  },

  async updateReviewer(c: Sql, tenantId: string, officerId: string, details: Details, actor: AuditActor): Promise<Officer> {
    await byIdOrThrow(c, tenantId, officerId, true);
    await c.query('UPDATE officers SET name = $1, phone = $2, email = $3, updated_at = $4 WHERE id = $5', [
      details.name,
      details.phone,
      details.email,
      new Date().toISOString(),
      officerId,
    ]);
    await appendAudit(c, actor, 'tenant.reviewer_update', { type: 'tenant', id: tenantId }, { officerId });
    return byIdOrThrow(c, tenantId, officerId);
  },

  /** The security officer cannot be removed (the ingest gate depends on one); reviewers can. */
  async removeReviewer(c: Sql, tenantId: string, officerId: string, actor: AuditActor): Promise<void> {
    const o = await byIdOrThrow(c, tenantId, officerId, true);
    await c.query(`DELETE FROM officers WHERE id = $1 AND kind = 'reviewer'`, [officerId]);
    await appendAudit(c, actor, 'tenant.reviewer_remove', { type: 'tenant', id: tenantId }, { officerId, name: o.name });
  },

  /** "Still correct": restarts the review clock without changing the details. */
  async confirm(c: Sql, tenantId: string, officerId: string, actor: AuditActor): Promise<Officer> {
    await byIdOrThrow(c, tenantId, officerId);
    await c.query('UPDATE officers SET updated_at = $1 WHERE id = $2', [new Date().toISOString(), officerId]);
    await appendAudit(c, actor, 'tenant.officer_confirm', { type: 'tenant', id: tenantId }, { officerId });
    return byIdOrThrow(c, tenantId, officerId);
  },

  /** Contact details last confirmed more than `days` ago. */
  async stale(c: Sql, days: number, now = Date.now()): Promise<StaleOfficer[]> {
    const cutoff = new Date(now - days * 86_400_000).toISOString();
    return (await officers.staleSince(c, cutoff)).map((o) => ({ ...o, ageDays: Math.floor((now - Date.parse(o.updatedAt)) / 86_400_000) }));
  },

  /** One audit reminder per stale officer per version of their details (not one a day); true when this call wrote it. */
  async remindOnce(c: Sql, o: StaleOfficer, days: number): Promise<boolean> {
    const key = `officer-review:${o.id}`;
    // One statement decides, so two processes reminding at once write one reminder.
    const changed = await run(
      c,
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE meta.value <> excluded.value',
      [key, o.updatedAt],
    );
    if (changed !== 1) return false;
    await appendAudit(
      c,
      { type: 'system', id: null, name: 'officer-review', ip: null },
      'officer.review_due',
      { type: 'tenant', id: o.tenantId },
      { officerId: o.id, kind: o.kind, lastConfirmed: o.updatedAt, reviewDays: days },
    );
    return true;
  },
};
