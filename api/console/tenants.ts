import { z } from 'zod';
import { createTenant, registerSecurityOfficer } from '../../domain/tenants';
import { officerProblem } from '../../lib/contact';
import { appError } from '../../lib/errors';
import { hashToken, randomToken } from '../../lib/secrets';
import { siteUrlProblem } from '../../lib/site-url';
import { publicTenant, type TenantWithSecrets } from '../../store/sqlite/tenants';
import { validateCallbackUrl } from '../../workers/webhook-sender';
import { requireRole } from '../auth/session';
import type { ApiDeps } from '../deps';
import type { RouteModule } from '../server';
import { actorOf, auditedTx, parse } from './common';
import { MANAGER_ROLES } from '../../lib/roles';

const callbackUrl = z.string().trim().max(2048).nullable();
const siteUrl = z
  .string()
  .trim()
  .max(2048)
  .nullable()
  .transform((v) => v || null)
  .refine((v) => v === null || !siteUrlProblem(v), { message: 'must be an http or https URL without query or fragment' });
export const createSchema = z.object({ name: z.string().trim().min(1).max(200), callbackUrl: callbackUrl.optional(), siteUrl: siteUrl.optional() });
export const updateSchema = z
  .object({ name: z.string().trim().min(1).max(200), callbackUrl, siteUrl, disabled: z.boolean() })
  .partial()
  .strict();
export const officerSchema = z.object({ name: z.string().max(200), phone: z.string().max(64), email: z.string().max(254) });

function checkCallback(deps: ApiDeps, url: string | null | undefined): string | null {
  if (!url) return null;
  const problem = validateCallbackUrl(url, deps.config.webhookAllowPrivate);
  if (problem) throw appError('INVALID_CALLBACK_URL', `callbackUrl: ${problem}`);
  return url;
}

/**
 * Tenants (customer sites), for security officers and admins: `GET /api/console/tenants`, `POST` (create; key and
 * secret shown once), `PATCH /{id}` (name, callback URL, site URL, disabled), `POST /{id}/rotate-key`, `POST /{id}/rotate-secret`,
 * `PUT /{id}/officer` (the security officer of clauses 18–19, validated like the CLI).
 */
export const tenants: RouteModule = (router, deps, { staff }) => {
  const guard = [...staff, requireRole(...MANAGER_ROLES)];
  const find = (id: string): TenantWithSecrets => {
    const t = deps.store.tenants.byId(id);
    if (!t) throw appError('TENANT_NOT_FOUND');
    return t;
  };
  const present = (t: TenantWithSecrets) => {
    const officer = deps.store.officers.forTenant(t.id).find((o) => o.kind === 'security_officer') ?? null;
    return { ...publicTenant(t), officer, officerComplete: deps.store.officers.hasCompleteSecurityOfficer(t.id) };
  };

  router.get('/console/tenants', ...guard, async (req, res) => {
    const tenants = deps.store.tenants.list().map(present);
    const shown = tenants.filter((t) => t.officer).map((t) => t.officer!.id);
    // Clause 14: officers' contact details are personal data; every unmasked view is recorded.
    if (shown.length) await deps.store.audit(actorOf(req), 'pii.view', null, { what: 'officer contacts (tenant list)', officers: shown });
    res.json({ tenants });
  });

  router.post('/console/tenants', ...guard, async (req, res) => {
    const body = parse(createSchema, req.body);
    const url = checkCallback(deps, body.callbackUrl);
    const created = await createTenant(deps.store, deps.secrets, body.name, url, actorOf(req), body.siteUrl ?? null);
    res.status(201).json({ ...created, tenant: present(find(created.id)) });
  });

  router.patch('/console/tenants/:id', ...guard, (req, res) => {
    const t = find(String(req.params.id));
    const patch = parse(updateSchema, req.body);
    if (patch.callbackUrl !== undefined) patch.callbackUrl = checkCallback(deps, patch.callbackUrl);
    auditedTx(deps.store, actorOf(req), 'tenant.update', { type: 'tenant', id: t.id }, { ...patch }, () => deps.store.tenants.update(t.id, patch));
    res.json({ tenant: present(find(t.id)) });
  });

  router.post('/console/tenants/:id/rotate-key', ...guard, (req, res) => {
    const t = find(String(req.params.id));
    const apiKey = randomToken('sk');
    // The old key stops working in the same transaction: a leaked key is the usual reason to rotate.
    auditedTx(deps.store, actorOf(req), 'tenant.rotate_key', { type: 'tenant', id: t.id }, { hint: apiKey.slice(-4) }, () =>
      deps.store.tenants.update(t.id, { apiKeyHash: hashToken(apiKey), apiKeyHint: apiKey.slice(-4) }),
    );
    res.json({ id: t.id, apiKey });
  });

  router.post('/console/tenants/:id/rotate-secret', ...guard, (req, res) => {
    const t = find(String(req.params.id));
    const webhookSecret = randomToken('whsec');
    auditedTx(deps.store, actorOf(req), 'tenant.rotate_secret', { type: 'tenant', id: t.id }, {}, () =>
      deps.store.tenants.update(t.id, { webhookSecretEnc: deps.secrets.seal(webhookSecret) }),
    );
    res.json({ id: t.id, webhookSecret });
  });

  router.put('/console/tenants/:id/officer', ...guard, async (req, res) => {
    const t = find(String(req.params.id));
    const body = parse(officerSchema, req.body);
    const problem = officerProblem(body);
    if (problem) throw appError('INVALID_OFFICER', `${problem.field}: ${problem.message}`);
    const officer = await registerSecurityOfficer(deps.store, t.id, body, actorOf(req));
    res.json({ officer, tenant: present(find(t.id)) });
  });
};
