import { z } from 'zod';
import { createTenant, registerSecurityOfficer } from '../../domain/tenants';
import { officerProblem } from '../../lib/contact';
import { appError } from '../../lib/errors';
import { hashToken, randomToken } from '../../lib/secrets';
import { siteUrlProblem } from '../../lib/site-url';
import { publicTenant, type TenantWithSecrets } from '../../store/store';
import { validateCallbackUrl } from '../../workers/webhook-sender';
import { requireRole } from '../auth/session';
import type { ApiDeps } from '../deps';
import type { RouteModule } from '../server';
import { actorOf, parse } from './common';

export const MANAGERS = ['officer', 'admin'] as const;

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
  const guard = [...staff, requireRole(...MANAGERS)];
  const find = async (id: string): Promise<TenantWithSecrets> => {
    const t = await deps.store.getTenant(id);
    if (!t) throw appError('TENANT_NOT_FOUND');
    return t;
  };
  const present = async (t: TenantWithSecrets) => {
    const officer = (await deps.store.officersOf(t.id)).find((o) => o.kind === 'security_officer') ?? null;
    return { ...publicTenant(t), officer, officerComplete: await deps.store.officerRegistered(t.id) };
  };

  router.get('/console/tenants', ...guard, async (req, res) => {
    const tenants = await Promise.all((await deps.store.listTenants()).map(present));
    const shown = tenants.filter((t) => t.officer).map((t) => t.officer!.id);
    // Clause 14: officers' contact details are personal data; every unmasked view is recorded.
    if (shown.length) await deps.store.audit(actorOf(req), 'pii.view', null, { what: 'officer contacts (tenant list)', officers: shown });
    res.json({ tenants });
  });

  router.post('/console/tenants', ...guard, async (req, res) => {
    const body = parse(createSchema, req.body);
    const url = checkCallback(deps, body.callbackUrl);
    const created = await createTenant(deps.store, deps.secrets, body.name, url, actorOf(req), body.siteUrl ?? null);
    res.status(201).json({ ...created, tenant: await present(await find(created.id)) });
  });

  router.patch('/console/tenants/:id', ...guard, async (req, res) => {
    const t = await find(String(req.params.id));
    const patch = parse(updateSchema, req.body);
    if (patch.callbackUrl !== undefined) patch.callbackUrl = checkCallback(deps, patch.callbackUrl);
    await deps.store.updateTenant(t.id, patch, actorOf(req), 'tenant.update', { ...patch });
    res.json({ tenant: await present(await find(t.id)) });
  });

  router.post('/console/tenants/:id/rotate-key', ...guard, async (req, res) => {
    const t = await find(String(req.params.id));
    const apiKey = randomToken('sk');
    // The old key stops working in the same transaction: a leaked key is the usual reason to rotate.
    await deps.store.updateTenant(t.id, { apiKeyHash: hashToken(apiKey), apiKeyHint: apiKey.slice(-4) }, actorOf(req), 'tenant.rotate_key', {
      hint: apiKey.slice(-4),
    });
    res.json({ id: t.id, apiKey });
  });

  router.post('/console/tenants/:id/rotate-secret', ...guard, async (req, res) => {
    const t = await find(String(req.params.id));
    const webhookSecret = randomToken('whsec');
    await deps.store.updateTenant(t.id, { webhookSecretEnc: deps.secrets.seal(webhookSecret) }, actorOf(req), 'tenant.rotate_secret', {});
    res.json({ id: t.id, webhookSecret });
  });

  router.put('/console/tenants/:id/officer', ...guard, async (req, res) => {
    const t = await find(String(req.params.id));
    const body = parse(officerSchema, req.body);
    const problem = officerProblem(body);
    if (problem) throw appError('INVALID_OFFICER', `${problem.field}: ${problem.message}`);
    const officer = await registerSecurityOfficer(deps.store, t.id, body, actorOf(req));
    res.json({ officer, tenant: await present(await find(t.id)) });
  });
};
