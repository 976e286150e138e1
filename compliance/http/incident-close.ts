import { z } from 'zod';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { actorOf, param, parse, roles } from './common';
import { presentIncident } from './incidents';

export const closeSchema = z.object({
  reportReference: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(5000).nullish(),
});

/** Closing needs the reference of the report made to the authorities; the linked items stay held. */
export const incidentCloseRoutes: RouteModule = (router, deps, { staff }) => {
  router.post('/incidents/:id/close', ...staff, requireRole(...roles('incidentWrite')), async (req, res) => {
    const body = parse(closeSchema, req.body);
    res.json(presentIncident(await deps.store.closeIncident(param(req, 'id'), body.reportReference, body.summary ?? null, actorOf(req))));
  });
};
