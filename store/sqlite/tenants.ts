import type { Db } from './db';
import type { Officer, TenantWithSecrets } from '../rows';
export { publicTenant, type TenantWithSecrets } from '../rows';

interface TenantRow {
  id: string;
  name: string;
  callback_url: string | null;
  site_url: string | null;
  api_key_hash: string;
  api_key_hint: string;
  webhook_secret_enc: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

const toTenant = (r: TenantRow): TenantWithSecrets => ({
  id: r.id,
  name: r.name,
  callbackUrl: r.callback_url,
  siteUrl: r.site_url,
  apiKeyHint: r.api_key_hint,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  apiKeyHash: r.api_key_hash,
  webhookSecretEnc: r.webhook_secret_enc,
});

export class TenantsTable {
  constructor(private readonly db: Db) {}

  insert(t: TenantWithSecrets): void {
    this.db
      .prepare(
        `INSERT INTO tenants (id, name, callback_url, site_url, api_key_hash, api_key_hint, webhook_secret_enc, disabled, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      )
      .run(t.id, t.name, t.callbackUrl, t.siteUrl, t.apiKeyHash, t.apiKeyHint, t.webhookSecretEnc, t.createdAt, t.updatedAt);
  }

  byId(id: string): TenantWithSecrets | null {
    const r = this.db.prepare('SELECT * FROM tenants WHERE id = ?').get(id) as TenantRow | undefined;
    return r ? toTenant(r) : null;
  }

  byKeyHash(hash: string): TenantWithSecrets | null {
    const r = this.db.prepare('SELECT * FROM tenants WHERE api_key_hash = ?').get(hash) as TenantRow | undefined;
    return r ? toTenant(r) : null;
  }

  list(): TenantWithSecrets[] {
    return (this.db.prepare('SELECT * FROM tenants ORDER BY created_at').all() as TenantRow[]).map(toTenant);
  }

  update(
    id: string,
    fields: {
      name?: string;
      callbackUrl?: string | null;
      siteUrl?: string | null;
      apiKeyHash?: string;
      apiKeyHint?: string;
      webhookSecretEnc?: string;
      disabled?: boolean;
    },
  ): void {
    const t = this.byId(id);
    if (!t) return;
    this.db
      .prepare(
        `UPDATE tenants SET name = ?, callback_url = ?, site_url = ?, api_key_hash = ?, api_key_hint = ?, webhook_secret_enc = ?, disabled = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        fields.name ?? t.name,
        fields.callbackUrl !== undefined ? fields.callbackUrl : t.callbackUrl,
        fields.siteUrl !== undefined ? fields.siteUrl : t.siteUrl,
        fields.apiKeyHash ?? t.apiKeyHash,
        fields.apiKeyHint ?? t.apiKeyHint,
        fields.webhookSecretEnc ?? t.webhookSecretEnc,
        (fields.disabled ?? t.disabled) ? 1 : 0,
        new Date().toISOString(),
        id,
      );
  }
}

export interface OfficerRow {
  id: string;
  tenant_id: string;
  kind: Officer['kind'];
  name: string;
  phone: string;
  email: string;
  created_at: string;
  updated_at: string;
}

export const toOfficer = (r: OfficerRow): Officer => ({
  id: r.id,
  tenantId: r.tenant_id,
  kind: r.kind,
  name: r.name,
  phone: r.phone,
  email: r.email,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class OfficersTable {
  private readonly completeStmt;

  constructor(private readonly db: Db) {
    this.completeStmt = db.prepare(`SELECT 1 FROM officers WHERE tenant_id = ? AND kind = 'security_officer' AND name <> '' AND phone <> '' AND email <> ''`);
  }

  /** One security officer per tenant: registering again replaces the details. */
  upsertSecurityOfficer(o: Officer): Officer {
    const existing = this.db.prepare(`SELECT * FROM officers WHERE tenant_id = ? AND kind = 'security_officer'`).get(o.tenantId) as OfficerRow | undefined;
    if (existing) {
      this.db
        .prepare('UPDATE officers SET name = ?, phone = ?, email = ?, updated_at = ? WHERE id = ?')
        .run(o.name, o.phone, o.email, o.updatedAt, existing.id);
      return { ...o, id: existing.id, createdAt: existing.created_at };
    }
    this.db
      .prepare('INSERT INTO officers (id, tenant_id, kind, name, phone, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(o.id, o.tenantId, o.kind, o.name, o.phone, o.email, o.createdAt, o.updatedAt);
    return o;
  }

  forTenant(tenantId: string): Officer[] {
    return (this.db.prepare('SELECT * FROM officers WHERE tenant_id = ? ORDER BY kind, created_at').all(tenantId) as OfficerRow[]).map(toOfficer);
  }

  hasCompleteSecurityOfficer(tenantId: string): boolean {
    return !!this.completeStmt.get(tenantId);
  }
}
