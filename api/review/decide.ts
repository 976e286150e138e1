import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../../lib/errors';
import { CATEGORIES } from '../../rules/categories';
import type { ApiDeps } from '../deps';
import { clientIp } from '../http';
import { decisionExtras } from '../../compliance/http/decision-hook';

export const decisionSchema = z
  .object({
    action: z.enum(['approve', 'reject', 'escalate']),
    categories: z.array(z.enum(CATEGORIES)).max(12).default([]),
    note: z.string().max(2000).nullish(),
  })
  .refine((d) => d.action !== 'reject' || d.categories.length > 0, { message: 'reject needs at least one category', path: ['categories'] });

/** `POST /api/review/leases/{leaseId}/decision`. An expired or foreign lease is a 409 and changes nothing. */
export function decide(deps: ApiDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { action, categories, note } = parseOrThrow(decisionSchema, req.body);
    const result = await deps.reviewQueue.decide({
      leaseId: String(req.params.leaseId),
      user: req.user!,
      action,
      categories: [...new Set(categories)],
      note: note ?? null,
      ip: clientIp(req),
    });
    if (result.outbox) deps.pokeOutbox();
    const d = result.decision;
    res.json({
      decision: { id: d.id, action: d.action, categories: d.categories, note: d.note, decidedAt: d.decidedAt },
      item: { id: result.item.id, status: result.item.status },
      ...decisionExtras(d),
    });
  };
}
