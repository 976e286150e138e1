import { appError } from '../../lib/errors';
import { TenantLearning } from '../../rules/learning';
import { requireRole } from '../auth/session';
import type { ApiDeps } from '../deps';
import type { RouteModule } from '../server';
import { actorOf } from './common';
import { OVERSIGHT_ROLES, ADMIN_ROLES } from '../../lib/roles';

/** Must match the defaults of workers/learned-labels.ts (rules/learning/tenant-learning.ts). */
const INDEX_CAPACITY = 5000;

async function view(deps: ApiDeps, tenantId: string) {
  if (!(await deps.store.getTenant(tenantId))) throw appError('TENANT_NOT_FOUND');
  const s = await deps.store.learningSummary(tenantId);
  const heads = Object.keys(s.rejections).length;
  return {
    tenantId,
    enabled: deps.config.learning,
    examples: s.examples,
    approvals: s.approvals,
    rejections: s.rejections,
    indexed: Math.min(s.examples, INDEX_CAPACITY),
    memoryBytes: TenantLearning.memoryBytes(Math.min(s.examples, INDEX_CAPACITY), heads),
    lastUpdate: s.lastAt,
    resetAt: s.resetAt,
    refreshSeconds: deps.config.learningRefreshMs / 1000,
  };
}

/**
 * What a tenant's moderators taught its filter (CONTRACT §11): `GET /api/console/learning/{tenantId}` (officers,
 * admins and auditors: size, counts by category, memory per worker, last update) and `POST …/reset` (admins: forget it all,
 * audited as `learning.reset`; every screen worker drops the state at its next refresh).
 */
export const learning: RouteModule = (router, deps, { staff }) => {
  router.get('/console/learning/:tenantId', ...staff, requireRole(...OVERSIGHT_ROLES), async (req, res) => {
    res.json({ learning: await view(deps, String(req.params.tenantId)) });
  });

  router.post('/console/learning/:tenantId/reset', ...staff, requireRole(...ADMIN_ROLES), async (req, res) => {
    const tenantId = String(req.params.tenantId);
    await view(deps, tenantId);
    const deleted = await deps.store.resetLearning(tenantId, actorOf(req));
    res.json({ deleted, learning: await view(deps, tenantId) });
  });
};
