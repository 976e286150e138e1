import { z } from 'zod';
import { appError } from '../../lib/errors';
import { groupNearDuplicates, nearDuplicatesOf } from '../../rules/learning';
import { requireRole } from '../auth/session';
import type { WaitingItem } from '../../store/store';
import type { RouteModule } from '../server';
import { parse } from './common';
import { REVIEWER_ROLES } from '../../lib/roles';

/** Waiting items scanned for one group: the newest of the tenant's queue (a wave is recent by nature). */
const SCAN_LIMIT = 2000;
/** Characters of each item's text shown in the group list. */
const PREVIEW_CHARS = 200;
/** Groups listed at most. */
const MAX_WAVES = 20;

export const wavesQuery = z.object({ tenant: z.string().min(1).max(64).optional() });

/**
 * `GET /api/review/similar/{itemId}`: the same tenant's items waiting for review that are near-duplicates of this
 * one (a spam wave, CONTRACT §11), so the review screen can show "相似 37 条" and decide them through
 * `POST /api/review/bulk`, where each is still claimed and decided on its own lease. `GET /api/review/waves[?tenant=]`
 * lists every waiting wave for the lists view.
 */
export const similarItems: RouteModule = (router, deps, { staff }) => {
  router.get('/review/similar/:itemId', ...staff, requireRole(...REVIEWER_ROLES), async (req, res) => {
    const item = await deps.store.getItem(String(req.params.itemId));
    if (!item) throw appError('ITEM_NOT_FOUND');
    const waiting = (await deps.store.waitingItems(item.tenantId, SCAN_LIMIT)).filter((w) => w.id !== item.id);
    const similar = nearDuplicatesOf(item, waiting);
    res.json({ itemId: item.id, total: similar.length, items: similar.map(preview) });
  });

  // The lists' view of the same thing: every waiting spam wave (two or more near-duplicates), largest first.
  router.get('/review/waves', ...staff, requireRole(...REVIEWER_ROLES), async (req, res) => {
    const query = parse(wavesQuery, req.query, 'INVALID_QUERY');
    const tenants = query.tenant ? [query.tenant] : (await deps.store.listTenants()).map((t) => t.id);
    const waiting = await Promise.all(tenants.map(async (tenantId) => ({ tenantId, items: await deps.store.waitingItems(tenantId, SCAN_LIMIT) })));
    const waves = waiting
      .flatMap(({ tenantId, items }) => groupNearDuplicates(items).map((group) => ({ tenantId, items: group })))
      .sort((a, b) => b.items.length - a.items.length)
      .slice(0, MAX_WAVES);
    res.json({ waves: waves.map((w) => ({ tenantId: w.tenantId, size: w.items.length, sample: preview(w.items[0]), itemIds: w.items.map((i) => i.id) })) });
  });
};

function preview(s: WaitingItem) {
  return { id: s.id, externalId: s.externalId, title: s.title, text: (s.text ?? '').slice(0, PREVIEW_CHARS), risk: s.risk, createdAt: s.createdAt };
}
