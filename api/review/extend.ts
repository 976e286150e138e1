import type { Request, Response } from 'express';
import type { ApiDeps } from '../deps';
import { presentLease } from './present';

/** `POST /api/review/leases/{leaseId}/extend`: the heartbeat. */
export function extend(deps: ApiDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const lease = await deps.reviewQueue.extend(String(req.params.leaseId), req.user!);
    res.json({ lease: presentLease(lease), expiresAt: lease.expiresAt });
  };
}
