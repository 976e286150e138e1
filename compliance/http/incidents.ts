import { appError } from '../../lib/errors';
import { z } from 'zod';
import { incidentFlags, type Incident } from '../../store/incident-clock';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { actorOf, param, parse, roles } from './common';

export const openSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).nullish(),
  itemIds: z.array(z.string().min(1).max(100)).max(1000).default([]),
});

export function presentIncident(inc: Incident, now = Date.now()) {
  return { ...inc, ...incidentFlags(inc, now) };
}

/**
 * Clause 17 in the console. `GET /api/incidents?open=1` is the banner's source: `overdue` / `dueSoon` at the top
 * level say whether any open incident is past its deadline or inside its last 6 hours.
 */
export const incidentRoutes: RouteModule = (router, deps, { staff }) => {
  router.get('/incidents', ...staff, requireRole(...roles('incidentRead')), async (req, res) => {
    const openOnly = req.query.open === '1' || req.query.open === 'true';
    const now = Date.now();
    const incidents = await Promise.all(
      (await deps.store.listIncidents({ openOnly })).map(async (i) => ({
        ...presentIncident(i, now),
        itemCount: (await deps.store.incidentItems(i.id)).length,
      })),
    );
    const open = incidents.filter((i) => i.status === 'open');
    res.json({
      incidents,
      overdue: open.some((i) => i.overdue),
      dueSoon: open.some((i) => i.dueSoon),
      counts: { open: open.length, overdue: open.filter((i) => i.overdue).length, dueSoon: open.filter((i) => i.dueSoon).length },
    });
  });

  router.post('/incidents', ...staff, requireRole(...roles('incidentWrite')), async (req, res) => {
    const body = parse(openSchema, req.body);
    const inc = await deps.store.openIncident({ title: body.title, description: body.description ?? null, itemIds: body.itemIds, actor: actorOf(req) });
    deps.pokeOutbox(); // the alarms' delayed jobs
    res.status(201).json({ ...presentIncident(inc), items: (await deps.store.incidentItems(inc.id)).map((i) => i.itemId) });
  });

  router.get('/incidents/:id', ...staff, requireRole(...roles('incidentRead')), async (req, res) => {
    const inc = await deps.store.getIncident(param(req, 'id'));
    if (!inc) throw appError('INCIDENT_NOT_FOUND');
    res.json({
      ...presentIncident(inc),
      items: await deps.store.incidentItems(inc.id),
      steps: await deps.store.incidentSteps(inc.id),
      alarms: await deps.store.incidentAlarms(inc.id),
    });
  });
};
