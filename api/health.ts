import type { Request, Response } from 'express';
import type { ApiDeps } from './deps';

/** `/healthz`: the process is up. */
export function healthz() {
  return (_req: Request, res: Response): void => {
    res.json({ ok: true });
  };
}

/** `/readyz`: Redis answers and the store is open; 503 otherwise, so a balancer stops sending work. */
export function readyz(deps: Pick<ApiDeps, 'ready'>) {
  return async (_req: Request, res: Response): Promise<void> => {
    const r = await deps.ready();
    res.status(r.ok ? 200 : 503).json(r);
  };
}
