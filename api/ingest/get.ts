import type { Request, Response } from 'express';
import { appError } from '../../lib/errors';
import type { ApiDeps } from '../deps';

/** `GET /v1/contents/{id}`: a tenant sees only its own items. */
export function getContent(deps: ApiDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const item = await deps.store.getItem(String(req.params.id));
    if (!item || item.tenantId !== req.tenant?.id) throw appError('CONTENT_NOT_FOUND');
    const verdict = await deps.store.getVerdict(item.id);
    const decision = await deps.store.latestDecision(item.id);
    const appeal = await deps.store.appealOf(item.id);
    res.json({
      id: item.id,
      externalId: item.externalId,
      status: item.status,
      ...(verdict ? { verdict: verdict.body } : {}),
      ...(decision ? { decision: { action: decision.action, categories: decision.categories, note: decision.note, decidedAt: decision.decidedAt } } : {}),
      ...(appeal ? { appeal: { id: appeal.id, status: appeal.status, reason: appeal.reason, decidedAt: appeal.decidedAt } } : {}),
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
    });
  };
}
