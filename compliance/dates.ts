/** Calendar dates of the CLI and API (`YYYY-MM-DD`, UTC days, like every timestamp in the store). */
export function parseDay(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Date.UTC rolls 2024-02-30 over into March: a real calendar day survives the round trip.
  return d.toISOString().slice(0, 10) === value ? d : null;
}

/** `--as-of`: a calendar day (its start, UTC) or an ISO-8601 time; a time without a zone is taken as UTC, like the store's. */
export function parseInstant(value: string): Date | null {
  const day = parseDay(value);
  if (day) return day;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!m || !parseDay(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return null;
  const t = Date.parse(m[6] ? value : `${value}Z`);
  return Number.isNaN(t) ? null : new Date(t);
}

export const DAY_MS = 86_400_000;
