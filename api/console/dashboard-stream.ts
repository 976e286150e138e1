import type { Request, Response } from 'express';
import { requireRole } from '../auth/session';
import { dashboardSnapshot } from '../dashboard';
import type { ApiDeps } from '../deps';
import type { RouteModule } from '../server';
import { READER_ROLES } from '../../lib/roles';

/** How often the live dashboard is refreshed; a snapshot is a few indexed counts. */
const INTERVAL_MS = 2000;
/** Streams end now and then so the browser reconnects through the session check (a logged-out user stops receiving). */
const STREAM_MAX_MS = 10 * 60_000;

/** The live dashboard (人工值班实时监控): the queue snapshot plus who is on duty and the alarms to raise. */
export async function liveSnapshot(deps: ApiDeps): Promise<Record<string, unknown>> {
  const snap = await dashboardSnapshot(deps);
  const queue = snap.queue as { waiting: number; escalated: number; oldestWaitingSeconds: number };
  const onDuty = await deps.store.onDuty();
  const alerts: Array<{ code: string; message: string }> = [];
  if (queue.oldestWaitingSeconds > deps.config.reviewSlaSeconds) {
    alerts.push({ code: 'SLA_BREACHED', message: `最久等待 ${queue.oldestWaitingSeconds} 秒，超过时限 ${deps.config.reviewSlaSeconds} 秒` });
  }
  if (onDuty.length === 0 && queue.waiting + queue.escalated > 0) {
    alerts.push({ code: 'NOBODY_ON_DUTY', message: `${queue.waiting + queue.escalated} 条待审，但无人值班` });
  }
  return {
    ...snap,
    decisionsPerHour: snap.decisionsLastHour,
    onDuty: onDuty.map((s) => ({ userId: s.userId, username: s.username, role: s.role, since: s.startedAt })),
    alerts,
  };
}

/**
 * `GET /api/dashboard/live`: one JSON snapshot with duty and alerts (all staff).
 * `GET /api/dashboard/stream`: the same as server-sent events, one `snapshot` event every two seconds.
 */
export const dashboardStream: RouteModule = (router, deps, { staff }) => {
  router.get('/dashboard/live', ...staff, requireRole(...READER_ROLES), async (_req, res) => {
    res.json(await liveSnapshot(deps));
  });

  router.get('/dashboard/stream', ...staff, requireRole(...READER_ROLES), (req: Request, res: Response) => {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    let closed = false;
    const send = async (): Promise<void> => {
      try {
        const snap = await liveSnapshot(deps);
        if (!closed) res.write(`event: snapshot\ndata: ${JSON.stringify(snap)}\n\n`);
      } catch (err) {
        deps.logger.warn({ err: String(err) }, 'dashboard stream: snapshot failed');
      }
    };
    void send();
    const timer = setInterval(() => void send(), INTERVAL_MS).unref();
    const end = setTimeout(() => res.end(), STREAM_MAX_MS).unref();
    req.on('close', () => {
      closed = true;
      clearInterval(timer);
      clearTimeout(end);
    });
  });
};
