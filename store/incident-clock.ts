/** The clause-17 incident clock: records, the 24-hour deadline and its alarms, the same for every store. */
export const INCIDENT_DEADLINE_MS = 24 * 3600_000;
export const ALARM_KINDS = ['t6h', 't1h', 'deadline'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];
/** How long before the deadline each alarm goes off. */
export const ALARM_OFFSET_MS: Record<AlarmKind, number> = { t6h: 6 * 3600_000, t1h: 3600_000, deadline: 0 };
/** The BullMQ queue of the alarms (prefixed like every queue). */
export const ALARM_QUEUE = 'alarms';
export const alarmJobId = (incidentId: string, kind: AlarmKind): string => `alarm-${incidentId}-${kind}`;

export interface Incident {
  id: string;
  title: string;
  description: string | null;
  status: 'open' | 'closed';
  openedAt: string;
  deadlineAt: string;
  openedBy: { id: string | null; name: string | null };
  closedAt: string | null;
  closedBy: { id: string | null; name: string | null } | null;
  reportReference: string | null;
  reportSummary: string | null;
}

export interface IncidentStep {
  seq: number;
  at: string;
  kind: string;
  actor: { id: string | null; name: string | null };
  text: string;
}

export interface IncidentAlarm {
  kind: AlarmKind;
  dueAt: string;
  sentAt: string | null;
  result: string | null;
}

export interface IncidentFlags {
  overdue: boolean;
  dueSoon: boolean;
  remainingSeconds: number;
}

/** The console banner: overdue once the deadline passed, due soon within the last 6 hours. */
export function incidentFlags(inc: Incident, now = Date.now()): IncidentFlags {
  const remaining = Date.parse(inc.deadlineAt) - now;
  const open = inc.status === 'open';
  return {
    overdue: open && remaining <= 0,
    dueSoon: open && remaining > 0 && remaining <= ALARM_OFFSET_MS.t6h,
    remainingSeconds: Math.round(remaining / 1000),
  };
}
