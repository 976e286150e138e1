import { appError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Actor } from '../store';
import type { SqliteStore } from './sqlite-store';
import { appendAudit } from './audit-helpers';
import {
  ALARM_KINDS,
  ALARM_OFFSET_MS,
  ALARM_QUEUE,
  INCIDENT_DEADLINE_MS,
  alarmJobId,
  type AlarmKind,
  type Incident,
  type IncidentAlarm,
  type IncidentStep,
} from '../incident-clock';

export type { AlarmKind, Incident, IncidentAlarm, IncidentStep };

interface IncidentRow {
  id: string;
  title: string;
  description: string | null;
  status: 'open' | 'closed';
  opened_at: string;
  deadline_at: string;
  opened_by_id: string | null;
  opened_by_name: string | null;
  closed_at: string | null;
  closed_by_id: string | null;
  closed_by_name: string | null;
  report_reference: string | null;
  report_summary: string | null;
}

const toIncident = (r: IncidentRow): Incident => ({
  id: r.id,
  title: r.title,
  description: r.description,
  status: r.status,
  openedAt: r.opened_at,
  deadlineAt: r.deadline_at,
  openedBy: { id: r.opened_by_id, name: r.opened_by_name },
  closedAt: r.closed_at,
  closedBy: r.closed_at ? { id: r.closed_by_id, name: r.closed_by_name } : null,
  reportReference: r.report_reference,
  reportSummary: r.report_summary,
});

function addStep(store: SqliteStore, incidentId: string, kind: string, actor: Actor, text: string, at: string): void {
  store.db
    .prepare('INSERT INTO incident_steps (incident_id, at, kind, actor_id, actor_name, text) VALUES (?, ?, ?, ?, ?, ?)')
    .run(incidentId, at, kind, actor.id, actor.name, text);
}

/** Checks every id first, so an unknown one opens nothing; then links and holds them. */
function linkItems(store: SqliteStore, incidentId: string, itemIds: string[], actor: Actor, now: string): string[] {
  const unique = [...new Set(itemIds)];
  const exists = store.db.prepare('SELECT 1 FROM items WHERE id = ?');
  const missing = unique.filter((id) => !exists.get(id));
  if (missing.length) throw appError('ITEM_NOT_FOUND', `unknown item: ${missing.join(', ')}`);
  const link = store.db.prepare('INSERT OR IGNORE INTO incident_items (incident_id, item_id, added_at) VALUES (?, ?, ?)');
  const hold = store.db.prepare('UPDATE items SET legal_hold = 1 WHERE id = ? AND legal_hold = 0');
  const added: string[] = [];
  for (const id of unique) {
    if (link.run(incidentId, id, now).changes) added.push(id);
    hold.run(id);
    appendAudit(store, actor, 'item.legal_hold', { type: 'item', id }, { hold: true, incidentId });
  }
  return added;
}

export interface OpenIncidentInput {
  title: string;
  description?: string | null;
  itemIds?: string[];
  actor: Actor;
  /** Test knob: when the clock started. */
  now?: Date;
}

/**
 * Clause 17: opens the incident, holds its items, starts the 24-hour clock and orders its three alarms — all in one
 * transaction. The alarms go through the outbox (invariant 3) as delayed BullMQ jobs with deterministic ids.
 */
export function openIncident(store: SqliteStore, input: OpenIncidentInput): Incident {
  const opened = input.now ?? new Date();
  const openedAt = opened.toISOString();
  const deadlineAt = new Date(opened.getTime() + INCIDENT_DEADLINE_MS).toISOString();
  const id = newId('in');
  return store.tx(() => {
    store.db
      .prepare(
        `INSERT INTO incidents (id, title, description, status, opened_at, deadline_at, opened_by_id, opened_by_name) VALUES (?, ?, ?, 'open', ?, ?, ?, ?)`,
      )
      .run(id, input.title, input.description ?? null, openedAt, deadlineAt, input.actor.id, input.actor.name);
    const items = linkItems(store, id, input.itemIds ?? [], input.actor, openedAt);
    addStep(store, id, 'opened', input.actor, `事件已登记，24 小时报告时限至 ${deadlineAt} (incident opened; report due by ${deadlineAt})`, openedAt);
    if (items.length) addStep(store, id, 'items', input.actor, `保全条目 (items held): ${items.join(', ')}`, openedAt);
    const nowMs = Date.now();
    for (const kind of ALARM_KINDS) {
      const due = new Date(Date.parse(deadlineAt) - ALARM_OFFSET_MS[kind]);
      store.db.prepare('INSERT INTO incident_alarms (incident_id, kind, due_at) VALUES (?, ?, ?)').run(id, kind, due.toISOString());
      store.db
        .prepare('INSERT INTO outbox (topic, job_id, payload, delay_ms, priority, created_at) VALUES (?, ?, ?, ?, 0, ?)')
        .run(ALARM_QUEUE, alarmJobId(id, kind), JSON.stringify({ incidentId: id, kind }), Math.max(0, due.getTime() - nowMs), new Date(nowMs).toISOString());
    }
    appendAudit(store, input.actor, 'incident.open', { type: 'incident', id }, { title: input.title, items, openedAt, deadlineAt });
    return getIncident(store, id) as Incident;
  });
}

export function getIncident(store: SqliteStore, id: string): Incident | null {
  const r = store.db.prepare('SELECT * FROM incidents WHERE id = ?').get(id) as IncidentRow | undefined;
  return r ? toIncident(r) : null;
}

export function listIncidents(store: SqliteStore, options: { openOnly?: boolean; limit?: number } = {}): Incident[] {
  return (
    store.db
      .prepare(
        `SELECT * FROM incidents WHERE (@open = 0 OR status = 'open') ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, deadline_at, opened_at DESC LIMIT @limit`,
      )
      .all({ open: options.openOnly ? 1 : 0, limit: options.limit ?? 200 }) as IncidentRow[]
  ).map(toIncident);
}

export function incidentItems(store: SqliteStore, id: string): Array<{ itemId: string; addedAt: string; status: string | null; legalHold: boolean }> {
  return (
    store.db
      .prepare(
        'SELECT x.item_id AS itemId, x.added_at AS addedAt, i.status AS status, i.legal_hold AS hold FROM incident_items x LEFT JOIN items i ON i.id = x.item_id WHERE x.incident_id = ? ORDER BY x.added_at, x.item_id',
      )
      .all(id) as Array<{ itemId: string; addedAt: string; status: string | null; hold: number | null }>
  ).map((r) => ({ itemId: r.itemId, addedAt: r.addedAt, status: r.status, legalHold: r.hold === 1 }));
}

export function incidentSteps(store: SqliteStore, id: string): IncidentStep[] {
  return (
    store.db.prepare('SELECT * FROM incident_steps WHERE incident_id = ? ORDER BY seq').all(id) as Array<{
      seq: number;
      at: string;
      kind: string;
      actor_id: string | null;
      actor_name: string | null;
      text: string;
    }>
  ).map((r) => ({ seq: r.seq, at: r.at, kind: r.kind, actor: { id: r.actor_id, name: r.actor_name }, text: r.text }));
}

export function incidentAlarms(store: SqliteStore, id: string): IncidentAlarm[] {
  return store.db
    .prepare('SELECT kind, due_at AS dueAt, sent_at AS sentAt, result FROM incident_alarms WHERE incident_id = ? ORDER BY due_at')
    .all(id) as IncidentAlarm[];
}

function mustBeOpen(store: SqliteStore, id: string): Incident {
  const inc = getIncident(store, id);
  if (!inc) throw appError('INCIDENT_NOT_FOUND');
  if (inc.status !== 'open') throw appError('INCIDENT_CLOSED');
  return inc;
}

export function addIncidentStep(store: SqliteStore, id: string, text: string, actor: Actor): IncidentStep {
  return store.tx(() => {
    mustBeOpen(store, id);
    const at = new Date().toISOString();
    addStep(store, id, 'note', actor, text, at);
    appendAudit(store, actor, 'incident.step', { type: 'incident', id }, { text });
    return incidentSteps(store, id).at(-1) as IncidentStep;
  });
}

export function addIncidentItems(store: SqliteStore, id: string, itemIds: string[], actor: Actor): string[] {
  return store.tx(() => {
    mustBeOpen(store, id);
    const at = new Date().toISOString();
    const added = linkItems(store, id, itemIds, actor, at);
    if (added.length) addStep(store, id, 'items', actor, `保全条目 (items held): ${added.join(', ')}`, at);
    appendAudit(store, actor, 'incident.items', { type: 'incident', id }, { items: added });
    return added;
  });
}

/** Closing records the reference of the report made to the authorities; the items stay held (original records). */
export function closeIncident(store: SqliteStore, id: string, reportReference: string, summary: string | null, actor: Actor): Incident {
  return store.tx(() => {
    mustBeOpen(store, id);
    const at = new Date().toISOString();
    store.db
      .prepare(
        `UPDATE incidents SET status = 'closed', closed_at = ?, closed_by_id = ?, closed_by_name = ?, report_reference = ?, report_summary = ? WHERE id = ? AND status = 'open'`,
      )
      .run(at, actor.id, actor.name, reportReference, summary, id);
    addStep(store, id, 'closed', actor, `已向主管部门报告，报告编号 ${reportReference} (reported to the authorities, reference ${reportReference})`, at);
    appendAudit(store, actor, 'incident.close', { type: 'incident', id }, { reportReference, summary });
    return getIncident(store, id) as Incident;
  });
}

/** Alarms that are due (or overdue) or pending, for the periodic re-creation of lost delayed jobs. */
export function pendingAlarms(store: SqliteStore): Array<{ incidentId: string; kind: AlarmKind; dueAt: string }> {
  return store.db
    .prepare(
      `SELECT a.incident_id AS incidentId, a.kind, a.due_at AS dueAt FROM incident_alarms a JOIN incidents i ON i.id = a.incident_id
      WHERE a.sent_at IS NULL AND i.status = 'open' ORDER BY a.due_at`,
    )
    .all() as Array<{ incidentId: string; kind: AlarmKind; dueAt: string }>;
}

/** Marks an alarm sent, once (guarded), with its timeline step and audit row. Returns false if it was already sent. */
export function markAlarmSent(store: SqliteStore, incidentId: string, kind: AlarmKind, result: string): boolean {
  return store.tx(() => {
    const at = new Date().toISOString();
    const changed =
      store.db
        .prepare('UPDATE incident_alarms SET sent_at = ?, result = ? WHERE incident_id = ? AND kind = ? AND sent_at IS NULL')
        .run(at, result, incidentId, kind).changes === 1;
    if (!changed) return false;
    const actor: Actor = { type: 'system', id: null, name: 'incident-alarms', ip: null };
    const label =
      kind === 'deadline' ? '报告时限已过 (deadline passed)' : `距报告时限 ${kind === 't6h' ? 6 : 1} 小时 (${kind === 't6h' ? 6 : 1} h before the deadline)`;
    addStep(store, incidentId, 'alarm', actor, `${label}: ${result}`, at);
    appendAudit(store, actor, 'incident.alarm', { type: 'incident', id: incidentId }, { kind, result });
    return true;
  });
}
