import { z } from 'zod';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { actorOf, param, parse, roles } from './common';

export const stepSchema = z.object({ text: z.string().trim().min(1).max(5000) });
export const itemsSchema = z.object({ itemIds: z.array(z.string().min(1).max(100)).min(1).max(1000) });

/** The incident's timeline: steps taken, and more items put under legal hold while it is open. */
export const incidentStepRoutes: RouteModule = (router, deps, { staff }) => {
  router.post('/incidents/:id/steps', ...staff, requireRole(...roles('incidentWrite')), async (req, res) => {
    const { text } = parse(stepSchema, req.body);
    res.status(201).json(await deps.store.addIncidentStep(param(req, 'id'), text, actorOf(req)));
  });

  router.post('/incidents/:id/items', ...staff, requireRole(...roles('incidentWrite')), async (req, res) => {
    const { itemIds } = parse(itemsSchema, req.body);
    res.json({ added: await deps.store.addIncidentItems(param(req, 'id'), itemIds, actorOf(req)) });
  });
};
