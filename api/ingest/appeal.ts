import type { Request, Response } from 'express';
import { z } from 'zod';
import { parse } from '../console/common';
import type { ApiDeps } from '../deps';
import { clientIp } from '../http';

export const appealSchema = z.object({
  // Counted in code points, as a person counts characters (an emoji is one).
  reason: z
    .string()
    .trim()
    .refine((s) => [...s].length >= 1 && [...s].length <= 500, { message: 'must be 1 to 500 characters' }),
});

/**
 * `POST /v1/contents/{id}/appeals` (CONTRACT §12): the tenant asks a senior to look again at a block or a
 * rejection. 201 `{"id","status":"pending"}`; a second appeal, or one on an item in any other status, 409.
 */
export function createAppeal(deps: ApiDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { reason } = parse(appealSchema, req.body);
    const tenant = req.tenant!;
    const appeal = await deps.store.createAppeal(tenant.id, String(req.params.id), reason, {
      type: 'tenant',
      id: tenant.id,
      name: tenant.name,
      ip: clientIp(req),
    });
    deps.pokeOutbox();
    res.status(201).json({ id: appeal.id, status: appeal.status });
  };
}
