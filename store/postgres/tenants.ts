import type { Officer, TenantWithSecrets } from '../rows';
import { rows, row, type Sql } from './db';

const TENANT_COLUMNS = `id, name, callback_url AS "callbackUrl", site_url AS "siteUrl", api_key_hint AS "apiKeyHint", disabled, created_at AS "createdAt",
  updated_at AS "updatedAt", api_key_hash AS "apiKeyHash", webhook_secret_enc AS "webhookSecretEnc"`;

export interface TenantFields {
  name?: string;
  callbackUrl?: string | null;
  siteUrl?: string | null;
  apiKeyHash?: string;
  apiKeyHint?: string;
  webhookSecretEnc?: string;
  disabled?: boolean;
}

export const tenants = {
  async insert(q: Sql, t: TenantWithSecrets): Promise<void> {
    await q.query(
      `INSERT INTO tenants (id, name, callback_url, site_url, api_key_hash, api_key_hint, webhook_secret_enc, disabled, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8, $9)`,
      [t.id, t.name, t.callbackUrl, t.siteUrl, t.apiKeyHash, t.apiKeyHint, t.webhookSecretEnc, t.createdAt, t.updatedAt],
    );
  },

  async byId(q: Sql, id: string, forUpdate = false): Promise<TenantWithSecrets | null> {
    return row<TenantWithSecrets>(q, `SELECT ${TENANT_COLUMNS} FROM tenants WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  },

  async byKeyHash(q: Sql, hash: string): Promise<TenantWithSecrets | null> {
    return row<TenantWithSecrets>(q, `SELECT ${TENANT_COLUMNS} FROM tenants WHERE api_key_hash = $1`, [hash]);
  },

  async list(q: Sql): Promise<TenantWithSecrets[]> {
    return rows<TenantWithSecrets>(q, `SELECT ${TENANT_COLUMNS} FROM tenants ORDER BY created_at`);
  },

  /** Fields left undefined keep their value; `null` clears a nullable one. */
  async update(q: Sql, id: string, f: TenantFields, now: string): Promise<void> {
    const t = await tenants.byId(q, id);
    if (!t) return;
    await q.query(
      `UPDATE tenants SET name = $1, callback_url = $2, site_url = $3, api_key_hash = $4, api_key_hint = $5, webhook_secret_enc = $6, disabled = $7,
       updated_at = $8 WHERE id = $9`,
      [
        f.name ?? t.name,
        f.callbackUrl !== undefined ? f.callbackUrl : t.callbackUrl,
        f.siteUrl !== undefined ? f.siteUrl : t.siteUrl,
        f.apiKeyHash ?? t.apiKeyHash,
        f.apiKeyHint ?? t.apiKeyHint,
        f.webhookSecretEnc ?? t.webhookSecretEnc,
        f.disabled ?? t.disabled,
        now,
        id,
      ],
    );
  },
};

const OFFICER_COLUMNS = `id, tenant_id AS "tenantId", kind, name, phone, email, created_at AS "createdAt", updated_at AS "updatedAt"`;

export const officers = {
  /** One security officer per tenant: registering again replaces the details. */
  async upsertSecurityOfficer(q: Sql, o: Officer): Promise<Officer> {
    const existing = await row<Officer>(q, `SELECT ${OFFICER_COLUMNS} FROM officers WHERE tenant_id = $1 AND kind = 'security_officer' FOR UPDATE`, [
      o.tenantId,
    ]);
    if (existing) {
      await q.query('UPDATE officers SET name = $1, phone = $2, email = $3, updated_at = $4 WHERE id = $5', [
        o.name,
        o.phone,
        o.email,
        o.updatedAt,
        existing.id,
      ]);
      return { ...o, id: existing.id, createdAt: existing.createdAt };
    }
    await officers.insert(q, o);
    return o;
  },

  async insert(q: Sql, o: Officer): Promise<void> {
    await q.query('INSERT INTO officers (id, tenant_id, kind, name, phone, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      o.id,
      o.tenantId,
      o.kind,
      o.name,
      o.phone,
      o.email,
      o.createdAt,
      o.updatedAt,
    ]);
  },

  async byId(q: Sql, tenantId: string, officerId: string): Promise<Officer | null> {
    return row<Officer>(q, `SELECT ${OFFICER_COLUMNS} FROM officers WHERE id = $1 AND tenant_id = $2`, [officerId, tenantId]);
  },

  async forTenant(q: Sql, tenantId: string): Promise<Officer[]> {
    return rows<Officer>(q, `SELECT ${OFFICER_COLUMNS} FROM officers WHERE tenant_id = $1 ORDER BY kind, created_at`, [tenantId]);
  },

  async hasCompleteSecurityOfficer(q: Sql, tenantId: string): Promise<boolean> {
    return !!(await row(q, `SELECT 1 FROM officers WHERE tenant_id = $1 AND kind = 'security_officer' AND name <> '' AND phone <> '' AND email <> ''`, [
      tenantId,
    ]));
  },

  /** Contact details last confirmed before `cutoff`, with their tenant's name. */
  async staleSince(q: Sql, cutoff: string): Promise<Array<Officer & { tenantName: string }>> {
    return rows(
      q,
      `SELECT o.id, o.tenant_id AS "tenantId", o.kind, o.name, o.phone, o.email, o.created_at AS "createdAt", o.updated_at AS "updatedAt",
         t.name AS "tenantName" FROM officers o JOIN tenants t ON t.id = o.tenant_id WHERE o.updated_at < $1 ORDER BY o.updated_at`,
      [cutoff],
    );
  },
};
