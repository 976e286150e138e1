import type { Role } from '../../store/rows';
import { TestSystem, type StaffClient } from '../harness/system';

const ALL: Role[] = ['moderator', 'senior', 'officer', 'admin', 'auditor'];
const REVIEWERS: Role[] = ['moderator', 'senior', 'officer', 'admin'];

/**
 * The core and console rows of docs/permissions.md, route by route and role by role (the compliance rows are
 * covered by test/compliance/permissions.test.ts). "Allowed" means the role guard lets the request through: any
 * answer but 401/403 (a 404 for a made-up id, a 400 for an empty body and a 204 for an empty queue all count).
 */
const MATRIX: Array<{ method: 'GET' | 'POST' | 'PUT' | 'PATCH'; path: string; allowed: Role[]; body?: unknown }> = [
  { method: 'POST', path: '/api/review/claim', allowed: REVIEWERS },
  { method: 'POST', path: '/api/review/leases/ls_none/extend', allowed: REVIEWERS },
  { method: 'POST', path: '/api/review/leases/ls_none/decision', allowed: REVIEWERS, body: { action: 'approve' } },
  { method: 'GET', path: '/api/items/it_none/images/0', allowed: ALL },
  { method: 'GET', path: '/api/dashboard', allowed: ALL },
  { method: 'GET', path: '/api/items', allowed: ALL },
  { method: 'GET', path: '/api/items/it_none', allowed: ALL },
  { method: 'GET', path: '/api/items/it_none/author-history', allowed: ALL },
  { method: 'GET', path: '/api/dashboard/live', allowed: ALL },
  { method: 'GET', path: '/api/duty', allowed: ALL },
  { method: 'POST', path: '/api/review/bulk', allowed: REVIEWERS, body: {} },
  { method: 'POST', path: '/api/duty/clock-in', allowed: REVIEWERS },
  { method: 'GET', path: '/api/console/rules', allowed: ['senior', 'officer', 'admin', 'auditor'] },
  { method: 'POST', path: '/api/console/rules/test', allowed: ['senior', 'officer', 'admin'], body: { text: '加微信' } },
  { method: 'PUT', path: '/api/console/rules/packs/x.yaml', allowed: ['officer', 'admin'], body: {} },
  { method: 'GET', path: '/api/console/tenants', allowed: ['officer', 'admin'] },
  { method: 'POST', path: '/api/console/tenants', allowed: ['officer', 'admin'], body: {} },
  { method: 'PUT', path: '/api/console/tenants/tn_none/officer', allowed: ['officer', 'admin'], body: {} },
  { method: 'GET', path: '/api/console/users', allowed: ['admin', 'auditor'] },
  { method: 'POST', path: '/api/console/users', allowed: ['admin'], body: {} },
  { method: 'PATCH', path: '/api/console/users/us_none', allowed: ['admin'], body: {} },
  { method: 'GET', path: '/api/console/deliveries', allowed: ['officer', 'admin', 'auditor'] },
  { method: 'POST', path: '/api/console/deliveries/dl_none/replay', allowed: ['officer', 'admin'] },
  { method: 'GET', path: '/api/console/audit', allowed: ['officer', 'admin', 'auditor'] },
  { method: 'GET', path: '/api/console/audit/verify', allowed: ['officer', 'admin', 'auditor'] },
  { method: 'GET', path: '/api/console/learning/tn_none', allowed: ['officer', 'admin', 'auditor'] },
  { method: 'POST', path: '/api/console/learning/tn_none/reset', allowed: ['admin'] },
  { method: 'GET', path: '/api/review/similar/it_none', allowed: ['moderator', 'senior', 'officer', 'admin'] },
  { method: 'GET', path: '/api/review/waves', allowed: ['moderator', 'senior', 'officer', 'admin'] },
];

describe('permission matrix (docs/permissions.md), core and console routes', () => {
  let sys: TestSystem;
  const clients = new Map<Role, StaffClient>();

  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [] });
    for (const role of ALL) clients.set(role, await sys.staff(role));
  });
  afterAll(() => sys.close());

  for (const route of MATRIX) {
    for (const role of ALL) {
      const allowed = route.allowed.includes(role);
      it(`${route.method} ${route.path}: ${role} is ${allowed ? 'let through' : 'refused with 403'}`, async () => {
        const res = await clients.get(role)!.request(route.method, route.path, route.body ?? (route.method === 'GET' ? undefined : {}));
        if (allowed) expect([401, 403]).not.toContain(res.status);
        else expect({ status: res.status, body: res.body }).toMatchObject({ status: 403, body: { error: { code: 'ROLE_FORBIDDEN' } } });
      });
    }
  }

  it('refuses every route without a session (401)', async () => {
    for (const route of MATRIX) {
      const res = await fetch(`${sys.url}${route.path}`, {
        method: route.method,
        headers: { 'content-type': 'application/json' },
        body: route.method === 'GET' ? undefined : '{}',
      });
      expect({ route: route.path, status: res.status }).toEqual({ route: route.path, status: 401 });
    }
  });
});
