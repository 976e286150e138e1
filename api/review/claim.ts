import type { Request, Response } from 'express';
import type { ApiDeps } from '../deps';
import { clientIp } from '../http';
import { presentItem, presentLease } from './present';

/** `POST /api/review/claim`: 200 with the item and its lease, or 204 when nothing waits for this role. */
export function claim(deps: ApiDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = req.user!;
    const claimed = await deps.reviewQueue.claim(user, clientIp(req));
    if (!claimed) {
      res.status(204).end();
      return;
    }
    res.json({ item: await presentItem(deps.store, claimed.item), lease: presentLease(claimed.lease) });
  };
}
