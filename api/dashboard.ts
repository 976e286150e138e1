import type { Request, Response } from 'express';
import type { ApiDeps } from './deps';

/** The window the dashboard's appeal overturn rates are computed over. */
const APPEAL_WINDOW_MS = 90 * 24 * 3600_000;

export async function dashboardSnapshot(deps: ApiDeps): Promise<Record<string, unknown>> {
  const stats = await deps.store.queueStats();
  const now = Date.now();
  const oldest = stats.oldestWaitingAt ? Math.max(0, Math.round((now - Date.parse(stats.oldestWaitingAt)) / 1000)) : 0;
  return {
    queue: { waiting: stats.waiting, inReview: stats.inReview, escalated: stats.escalated, oldestWaitingSeconds: oldest },
    statuses: stats.byStatus,
    decisionsLastHour: await deps.store.decisionsSince(new Date(now - 3600_000).toISOString()),
    sla: { seconds: deps.config.reviewSlaSeconds, breached: oldest > deps.config.reviewSlaSeconds },
    // A moderator or a rule whose decisions are often overturned on appeal needs a look (last 90 days).
    appeals: await deps.store.appealStats(new Date(now - APPEAL_WINDOW_MS).toISOString()),
    at: new Date(now).toISOString(),
  };
}

/** `GET /api/dashboard` (CONTRACT §5). */
export function dashboard(deps: ApiDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    res.json(await dashboardSnapshot(deps));
  };
}
