import type { Request } from 'express';
import { z } from 'zod';
import { officerProblem } from '../../lib/contact';
import { appError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { canSeePersonalData, maskEmail, maskName, maskPhone } from '../../lib/pii';
import type { Officer } from '../../store/rows';
import type { Store } from '../../store/store';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { actorOf, param, parse, roles } from './common';

export const contactSchema = z.object({ name: z.string().max(200), phone: z.string().max(64), email: z.string().max(254) });

/** Validated with lib/contact.ts, the same rules as `shenhe tenant officer`. */
function contact(body: unknown): { name: string; phone: string; email: string } {
  const c = parse(contactSchema, body);
  const problem = officerProblem(c);
  if (problem) throw appError('INVALID_BODY', `${problem.field}: ${problem.message}`);
  return { name: c.name.trim(), phone: c.phone.trim(), email: c.email.trim() };
}

function present(o: Officer, unmasked: boolean, reviewDays: number) {
  const ageDays = Math.floor((Date.now() - Date.parse(o.updatedAt)) / 86_400_000);
  return {
    id: o.id,
    tenantId: o.tenantId,
    kind: o.kind,
    name: unmasked ? o.name : maskName(o.name),
    phone: unmasked ? o.phone : maskPhone(o.phone),
    email: unmasked ? o.email : maskEmail(o.email),
    masked: !unmasked,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    reviewDue: ageDays >= reviewDays,
  };
}

async function tenantOr404(store: Store, req: Request): Promise<string> {
  const id = param(req, 'tenantId');
  if (!(await store.getTenant(id))) throw appError('TENANT_NOT_FOUND');
  return id;
}

/**
 * Clauses 18–19: each tenant's security officer (one; its registration opens the ingest gate) and content
 * reviewers. Contact details are personal data: masked for moderators and seniors; unmasked views are audited.
 */
export const officerRoutes: RouteModule = (router, deps, { staff }) => {
  const days = deps.config.officerReviewDays;

  router.get('/tenants/:tenantId/officers', ...staff, requireRole(...roles('officerRead')), async (req, res) => {
    const tenantId = await tenantOr404(deps.store, req);
    const unmasked = canSeePersonalData(req.user!.role);
    const officers = await deps.store.officersOf(tenantId);
    if (unmasked && officers.length)
      await deps.store.audit(actorOf(req), 'pii.view', { type: 'tenant', id: tenantId }, { what: 'officer contacts', officers: officers.map((o) => o.id) });
    res.json({
      tenantId,
      complete: await deps.store.officerRegistered(tenantId),
      reviewDays: days,
      officers: officers.map((o) => present(o, unmasked, days)),
    });
  });

  router.put('/tenants/:tenantId/officers/security', ...staff, requireRole(...roles('officerWrite')), async (req, res) => {
    const tenantId = await tenantOr404(deps.store, req);
    const c = contact(req.body);
    const now = new Date().toISOString();
    const o = await deps.store.registerOfficer({ id: newId('of'), tenantId, kind: 'security_officer', ...c, createdAt: now, updatedAt: now }, actorOf(req));
    res.json({ officer: present(o, true, days), complete: true });
  });

  router.post('/tenants/:tenantId/officers/reviewers', ...staff, requireRole(...roles('officerWrite')), async (req, res) => {
    const tenantId = await tenantOr404(deps.store, req);
    res.status(201).json({ officer: present(await deps.store.addReviewer(tenantId, contact(req.body), actorOf(req)), true, days) });
  });

  router.put('/tenants/:tenantId/officers/reviewers/:officerId', ...staff, requireRole(...roles('officerWrite')), async (req, res) => {
    const tenantId = await tenantOr404(deps.store, req);
    res.json({ officer: present(await deps.store.updateReviewer(tenantId, param(req, 'officerId'), contact(req.body), actorOf(req)), true, days) });
  });

  router.delete('/tenants/:tenantId/officers/reviewers/:officerId', ...staff, requireRole(...roles('officerWrite')), async (req, res) => {
    const tenantId = await tenantOr404(deps.store, req);
    await deps.store.removeReviewer(tenantId, param(req, 'officerId'), actorOf(req));
    res.json({ ok: true });
  });

  router.post('/tenants/:tenantId/officers/:officerId/confirm', ...staff, requireRole(...roles('officerWrite')), async (req, res) => {
    const tenantId = await tenantOr404(deps.store, req);
    res.json({ officer: present(await deps.store.confirmOfficer(tenantId, param(req, 'officerId'), actorOf(req)), true, days) });
  });

  router.get('/officers/review-due', ...staff, requireRole(...roles('personalData')), async (req, res) => {
    const stale = await deps.store.staleOfficers(days);
    if (stale.length) await deps.store.audit(actorOf(req), 'pii.view', null, { what: 'officer contacts due for review', officers: stale.map((o) => o.id) });
    res.json({ reviewDays: days, officers: stale.map((o) => ({ ...present(o, true, days), tenantName: o.tenantName, ageDays: o.ageDays })) });
  });
};
