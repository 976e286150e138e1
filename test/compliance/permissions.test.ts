import { ROLES, ROLES_OF, type Role } from '../../lib/roles';
import { TestSystem, type StaffClient } from '../harness/system';

type Key = keyof typeof ROLES_OF;

/**
 * Every compliance route × every role (docs/permissions.md). Bodies are deliberately empty or ids unknown: a
 * permitted role gets past the role guard (then a 2xx, 400 or 404), a refused one gets 403 ROLE_FORBIDDEN.
 */
const ROUTES: Array<{ method: string; path: string; key: Key; body?: unknown }> = [
  { method: 'GET', path: '/api/incidents?open=1', key: 'incidentRead' },
  { method: 'POST', path: '/api/incidents', key: 'incidentWrite', body: {} },
  { method: 'GET', path: '/api/incidents/in_none', key: 'incidentRead' },
  { method: 'POST', path: '/api/incidents/in_none/steps', key: 'incidentWrite', body: {} },
  { method: 'POST', path: '/api/incidents/in_none/items', key: 'incidentWrite', body: {} },
  { method: 'POST', path: '/api/incidents/in_none/close', key: 'incidentWrite', body: {} },
  { method: 'GET', path: '/api/incidents/in_none/report', key: 'incidentRead' },
  { method: 'POST', path: '/api/exports', key: 'exportWrite', body: {} },
  { method: 'GET', path: '/api/exports', key: 'exportRead' },
  { method: 'GET', path: '/api/exports/ex_none/manifest', key: 'exportRead' },
  { method: 'GET', path: '/api/exports/ex_none/file', key: 'exportDownload' },
  { method: 'GET', path: '/api/tenants/TENANT/officers', key: 'officerRead' },
  { method: 'PUT', path: '/api/tenants/TENANT/officers/security', key: 'officerWrite', body: {} },
  { method: 'POST', path: '/api/tenants/TENANT/officers/reviewers', key: 'officerWrite', body: {} },
  { method: 'PUT', path: '/api/tenants/TENANT/officers/reviewers/of_none', key: 'officerWrite', body: {} },
  { method: 'DELETE', path: '/api/tenants/TENANT/officers/reviewers/of_none', key: 'officerWrite' },
  { method: 'POST', path: '/api/tenants/TENANT/officers/of_none/confirm', key: 'officerWrite', body: {} },
  { method: 'GET', path: '/api/officers/review-due', key: 'personalData' },
  { method: 'GET', path: '/api/items/it_none/personal-data', key: 'personalData' },
  { method: 'POST', path: '/api/items/it_none/legal-hold', key: 'legalHold', body: {} },
  { method: 'GET', path: '/api/audit', key: 'auditRead' },
  { method: 'GET', path: '/api/audit/verify', key: 'auditRead' },
  { method: 'GET', path: '/api/compliance/banner', key: 'banner' },
  { method: 'GET', path: '/api/retention/preview', key: 'retentionPreview' },
  { method: 'POST', path: '/api/backups', key: 'backupWrite' },
];

describe('compliance routes: permission matrix, enforced on the server', () => {
  let sys: TestSystem;
  let tenantId: string;
  const clients = {} as Record<Role, StaffClient>;

  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [] });
    tenantId = (await sys.tenant()).id;
    for (const role of ROLES) clients[role] = await sys.staff(role);
  });
  afterAll(async () => {
    await sys.close();
  });

  const cases = ROUTES.flatMap((r) => ROLES.map((role) => [r.method, r.path, role, (ROLES_OF[r.key] as readonly Role[]).includes(role), r] as const));

  it.each(cases)('%s %s as %s → allowed=%s', async (method, path, role, allowed, route) => {
    const res = await clients[role].request(method, path.replace('TENANT', tenantId), route.body);
    if (allowed) {
      expect(res.status).not.toBe(403);
      expect(res.status).not.toBe(401);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'ROLE_FORBIDDEN' } });
    }
  });

  it.each(ROUTES.map((r) => [r.method, r.path] as const))('%s %s without a session → 401', async (method, path) => {
    const res = await fetch(`${sys.url}${path.replace('TENANT', tenantId)}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : '{}',
    });
    expect(res.status).toBe(401);
  });

  it('state-changing routes need the CSRF token', async () => {
    const c = clients.admin;
    const res = await fetch(`${sys.url}/api/incidents`, {
      method: 'POST',
      headers: { cookie: c.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x' }),
    });
    expect(res.status).toBe(403);
  });
});
