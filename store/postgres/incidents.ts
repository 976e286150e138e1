import { appError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import {
  ALARM_KINDS,
  ALARM_OFFSET_MS,
  ALARM_QUEUE,
  alarmJobId,
  INCIDENT_DEADLINE_MS,
  type AlarmKind,
  type Incident,
  type IncidentAlarm,
  type IncidentStep,
} from '../incident-clock';
import type { OpenIncidentInput } from '../store';
import { appendAudit, type AuditActor } from './audit';
import { rows, row, run, type Sql } from './db';
import { outbox } from './outbox';

type IncidentRow = Omit<Incident, 'openedBy' | 'closedBy'> & {
  openedById: string | null;
  openedByName: string | null;
  closedById: string | null;
  closedByName: string | null;
};

const INCIDENT_COLUMNS = `id, title, description, status, opened_at AS "openedAt", deadline_at AS "deadlineAt", opened_by_id AS "openedById",
  opened_by_name AS "openedByName", closed_at AS "closedAt", closed_by_id AS "closedById", closed_by_name AS "closedByName",
  report_reference AS "reportReference", report_summary AS "reportSummary"`;

const toIncident = ({ openedById, openedByName, closedById, closedByName, ...r }: IncidentRow): Incident => ({
  ...r,
  openedBy: { id: openedById, name: openedByName },
  closedBy: r.closedAt ? { id: closedById, name: closedByName } : null,
});

async function addStep(c: Sql, incidentId: string, kind: string, actor: AuditActor, text: string, at: string): Promise<void> {
  await c.query('INSERT INTO incident_steps (incident_id, at, kind, actor_id, actor_name, text) VALUES ($1, $2, $3, $4, $5, $6)', [
    incidentId,
    at,
    kind,
    actor.id,
    actor.name,
    text,
  ]);
}

/** Checks every id first, so an unknown one opens nothing; then links and holds them. */
async function linkItems(c: Sql, incidentId: string, itemIds: string[], actor: AuditActor, now: string): Promise<string[]> {
  const unique = [...new Set(itemIds)];
  const known = new Set((await rows<{ id: string }>(c, 'SELECT id FROM items WHERE id = ANY($1)', [unique])).map((r) => r.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length) throw appError('ITEM_NOT_FOUND', `unknown item: ${missing.join(', ')}`);
  const added: string[] = [];
  for (const id of unique) {
    if (await run(c, 'INSERT INTO incident_items (incident_id, item_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [incidentId, id, now]))
      added.push(id);
    await c.query('UPDATE items SET legal_hold = true WHERE id = $1 AND NOT legal_hold', [id]);
    await appendAudit(c, actor, 'item.legal_hold', { type: 'item', id }, { hold: true, incidentId });
  }
  return added;
}

async function mustBeOpen(c: Sql, id: string): Promise<Incident> {
  const inc = await incidents.get(c, id, true);
  if (!inc) throw appError('INCIDENT_NOT_FOUND');
  if (inc.status !== 'open') throw appError('INCIDENT_CLOSED');
  return inc;
}

/** Incidents (clause 17): each function runs inside the caller's transaction and writes its own audit rows. */
export const incidents = {
  /** Opens the incident, holds its items, starts the 24-hour clock and orders its three alarms through the outbox. */
  async open(c: Sql, input: OpenIncidentInput): Promise<Incident> {
    const opened = input.now ?? new Date();
    const openedAt = opened.toISOString();
    const deadlineAt = new Date(opened.getTime() + INCIDENT_DEADLINE_MS).toISOString();
    const id = newId('in');
    await c.query(
      `INSERT INTO incidents (id, title, description, status, opened_at, deadline_at, opened_by_id, opened_by_name) VALUES ($1, $2, $3, 'open', $4, $5, $6, $7)`,
      [id, input.title, input.description ?? null, openedAt, deadlineAt, input.actor.id, input.actor.name],
    );
    const linked = await linkItems(c, id, input.itemIds ?? [], input.actor, openedAt);
    await addStep(c, id, 'opened', input.actor, `事件已登记，24 小时报告时限至 ${deadlineAt} (incident opened; report due by ${deadlineAt})`, openedAt);
    if (linked.length) await addStep(c, id, 'items', input.actor, `保全条目 (items held): ${linked.join(', ')}`, openedAt);
    const nowMs = Date.now();
    for (const kind of ALARM_KINDS) {
      const due = new Date(Date.parse(deadlineAt) - ALARM_OFFSET_MS[kind]);
      await c.query('INSERT INTO incident_alarms (incident_id, kind, due_at) VALUES ($1, $2, $3)', [id, kind, due.toISOString()]);
      await outbox.add(
        c,
        { topic: ALARM_QUEUE, jobId: alarmJobId(id, kind), payload: { incidentId: id, kind }, delayMs: Math.max(0, due.getTime() - nowMs) },
        new Date(nowMs).toISOString(),
      );
    }
    await appendAudit(c, input.actor, 'incident.open', { type: 'incident', id }, { title: input.title, items: linked, openedAt, deadlineAt });
    return (await incidents.get(c, id)) as Incident;
  },

  async get(c: Sql, id: string, forUpdate = false): Promise<Incident | null> {
    const r = await row<IncidentRow>(c, `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r ? toIncident(r) : null;
  },

  async list(c: Sql, options: { openOnly?: boolean; limit?: number } = {}): Promise<Incident[]> {
    return (
      await rows<IncidentRow>(
        c,
        `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE (NOT $1 OR status = 'open')
         ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, deadline_at, opened_at DESC LIMIT $2`,
        [options.openOnly ?? false, options.limit ?? 200],
      )
    ).map(toIncident);
  },

  async items(c: Sql, id: string): Promise<Array<{ itemId: string; addedAt: string; status: string | null; legalHold: boolean }>> {
    return (
      await rows<{ itemId: string; addedAt: string; status: string | null; legalHold: boolean | null }>(
        c,
        `SELECT x.item_id AS "itemId", x.added_at AS "addedAt", i.status, i.legal_hold AS "legalHold"
         FROM incident_items x LEFT JOIN items i ON i.id = x.item_id WHERE x.incident_id = $1 ORDER BY x.added_at, x.item_id`,
        [id],
      )
    ).map((r) => ({ ...r, legalHold: r.legalHold === true }));
  },

  async steps(c: Sql, id: string): Promise<IncidentStep[]> {
    return (
      await rows<{ seq: number; at: string; kind: string; actorId: string | null; actorName: string | null; text: string }>(
        c,
        `SELECT seq, at, kind, actor_id AS "actorId", actor_name AS "actorName", text FROM incident_steps WHERE incident_id = $1 ORDER BY seq`,
        [id],
      )
    ).map((r) => ({ seq: r.seq, at: r.at, kind: r.kind, actor: { id: r.actorId, name: r.actorName }, text: r.text }));
  },

  async alarms(c: Sql, id: string): Promise<IncidentAlarm[]> {
    return rows<IncidentAlarm>(c, 'SELECT kind, due_at AS "dueAt", sent_at AS "sentAt", result FROM incident_alarms WHERE incident_id = $1 ORDER BY due_at', [
      id,
    ]);
  },

  async addStep(c: Sql, id: string, text: string, actor: AuditActor): Promise<IncidentStep> {
    await mustBeOpen(c, id);
    await addStep(c, id, 'note', actor, text, new Date().toISOString());
    await appendAudit(c, actor, 'incident.step', { type: 'incident', id }, { text });
    return (await incidents.steps(c, id)).at(-1) as IncidentStep;
  },

  async addItems(c: Sql, id: string, itemIds: string[], actor: AuditActor): Promise<string[]> {
    await mustBeOpen(c, id);
    const at = new Date().toISOString();
    const added = await linkItems(c, id, itemIds, actor, at);
    if (added.length) await addStep(c, id, 'items', actor, `保全条目 (items held): ${added.join(', ')}`, at);
    await appendAudit(c, actor, 'incident.items', { type: 'incident', id }, { items: added });
    return added;
  },

  /** Closing records the reference of the report made to the authorities; the items stay held (original records). */
  async close(c: Sql, id: string, reportReference: string, summary: string | null, actor: AuditActor): Promise<Incident> {
    await mustBeOpen(c, id);
    const at = new Date().toISOString();
    await c.query(
      `UPDATE incidents SET status = 'closed', closed_at = $1, closed_by_id = $2, closed_by_name = $3, report_reference = $4, report_summary = $5
       WHERE id = $6 AND status = 'open'`,
      [at, actor.id, actor.name, reportReference, summary, id],
    );
    await addStep(c, id, 'closed', actor, `已向主管部门报告，报告编号 ${reportReference} (reported to the authorities, reference ${reportReference})`, at);
    await appendAudit(c, actor, 'incident.close', { type: 'incident', id }, { reportReference, summary });
    return (await incidents.get(c, id)) as Incident;
  },

  /** Alarms not yet sent of open incidents, for the periodic re-creation of lost delayed jobs. */
  async pendingAlarms(c: Sql): Promise<Array<{ incidentId: string; kind: AlarmKind; dueAt: string }>> {
    return rows(
      c,
      `SELECT a.incident_id AS "incidentId", a.kind, a.due_at AS "dueAt" FROM incident_alarms a JOIN incidents i ON i.id = a.incident_id
       WHERE a.sent_at IS NULL AND i.status = 'open' ORDER BY a.due_at`,
    );
  },

  /** Marks an alarm sent, once (guarded), with its timeline step and audit row. Returns false if it was already sent. */
  async markAlarmSent(c: Sql, incidentId: string, kind: AlarmKind, result: string): Promise<boolean> {
    const at = new Date().toISOString();
    const changed = await run(c, 'UPDATE incident_alarms SET sent_at = $1, result = $2 WHERE incident_id = $3 AND kind = $4 AND sent_at IS NULL', [
      at,
      result,
      incidentId,
      kind,
    ]);
    if (changed !== 1) return false;
    const actor: AuditActor = { type: 'system', id: null, name: 'incident-alarms', ip: null };
    const hours = kind === 't6h' ? 6 : 1;
    const label = kind === 'deadline' ? '报告时限已过 (deadline passed)' : `距报告时限 ${hours} 小时 (${hours} h before the deadline)`;
    await addStep(c, incidentId, 'alarm', actor, `${label}: ${result}`, at);
    await appendAudit(c, actor, 'incident.alarm', { type: 'incident', id: incidentId }, { kind, result });
    return true;
  },
};

/** Legal hold by hand (clause 16): an item linked to an incident stays held (the trigger refuses otherwise). */
export const legalHold = {
  async set(c: Sql, itemId: string, hold: boolean, actor: AuditActor, details: Record<string, unknown> = {}): Promise<void> {
    if (!(await row(c, 'SELECT 1 FROM items WHERE id = $1 FOR UPDATE', [itemId]))) throw appError('ITEM_NOT_FOUND');
    if (!hold && (await row(c, 'SELECT 1 FROM incident_items WHERE item_id = $1', [itemId]))) {
      throw appError('INCIDENT_HOLD');
    }
    await c.query('UPDATE items SET legal_hold = $1 WHERE id = $2', [hold, itemId]);
    await appendAudit(c, actor, 'item.legal_hold', { type: 'item', id: itemId }, { hold, ...details });
  },
};
