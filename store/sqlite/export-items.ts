import type { Db } from './db';
import type { ImageRow, ItemRow } from './items';
import type { ExportFilters } from './exports';

interface DecisionJoin {
  id: string;
  action: string;
  categories: string;
  note: string | null;
  decided_at: string;
  lease_id: string | null;
  user_id: string | null;
  username: string | null;
  role: string | null;
}

interface AuditJoin {
  seq: number;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  details: string;
  hash: string;
}

const DAY_MS = 86_400_000;

/** Days are YYYY-MM-DD in UTC; `to` is inclusive. */
const dayStart = (day: string): string => new Date(`${day}T00:00:00.000Z`).toISOString();

/** The record of one exported item (clause 16): content, author and source IPs, images, verdict, decisions, webhooks, audit. */
export type ExportedItem = Record<string, unknown> & { id: string };

/**
 * Every item the filters select with its whole record, oldest first; the caller runs this inside one read
 * transaction so the export describes one consistent state of the store.
 */
export function exportItems(db: Db, f: ExportFilters, each: (item: ExportedItem) => void): number {
  const fromIso = dayStart(f.from);
  const toIso = new Date(Date.parse(dayStart(f.to)) + DAY_MS).toISOString();
  const verdict = db.prepare('SELECT body FROM verdicts WHERE item_id = ?');
  const images = db.prepare('SELECT idx, name, sniffed_format, bytes, sha256, width, height, phash FROM images WHERE item_id = ? ORDER BY idx');
  const decisions = db.prepare(`SELECT d.id, d.action, d.categories, d.note, d.decided_at, d.lease_id, d.user_id, u.username, u.role
    FROM decisions d LEFT JOIN users u ON u.id = d.user_id WHERE d.item_id = ? ORDER BY d.seq`);
  const deliveries = db.prepare(
    'SELECT id, type, status, attempts, last_status_code, created_at, delivered_at FROM webhook_deliveries WHERE item_id = ? ORDER BY created_at',
  );
  const audit = db.prepare(
    `SELECT seq, at, actor_type, actor_id, actor_name, ip, action, details, hash FROM audit WHERE target_type = 'item' AND target_id = ? ORDER BY seq`,
  );
  const tenantName = db.prepare('SELECT name FROM tenants WHERE id = ?');
  const items = db.prepare(`SELECT * FROM items WHERE created_at >= @from AND created_at < @to
      AND (@tenant IS NULL OR tenant_id = @tenant) AND (@author IS NULL OR author_id = @author)
      AND (@kw IS NULL OR instr(lower(coalesce(title, '')), lower(@kw)) > 0 OR instr(lower(coalesce(text, '')), lower(@kw)) > 0)
      ORDER BY created_at, id`);

  let rows = 0;
  for (const r of items.iterate({ from: fromIso, to: toIso, tenant: f.tenantId, author: f.authorId, kw: f.keyword }) as IterableIterator<ItemRow>) {
    const v = verdict.get(r.id) as { body: string } | undefined;
    each({
      id: r.id,
      tenantId: r.tenant_id,
      tenantName: (tenantName.get(r.tenant_id) as { name: string } | undefined)?.name ?? null,
      externalId: r.external_id,
      kind: r.kind,
      title: r.title,
      text: r.text,
      url: r.url,
      meta: r.meta ? (JSON.parse(r.meta) as unknown) : null,
      author: { id: r.author_id, name: r.author_name, ip: r.author_ip },
      sourceIp: r.source_ip,
      status: r.status,
      legalHold: r.legal_hold === 1,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      images: (images.all(r.id) as Array<Pick<ImageRow, 'idx' | 'name' | 'sniffed_format' | 'bytes' | 'sha256' | 'width' | 'height' | 'phash'>>).map((i) => ({
        index: i.idx,
        name: i.name,
        format: i.sniffed_format,
        bytes: i.bytes,
        sha256: i.sha256,
        width: i.width,
        height: i.height,
        phash: i.phash,
      })),
      verdict: v ? (JSON.parse(v.body) as unknown) : null,
      decisions: (decisions.all(r.id) as DecisionJoin[]).map((d) => ({
        id: d.id,
        action: d.action,
        categories: JSON.parse(d.categories) as string[],
        note: d.note,
        decidedAt: d.decided_at,
        leaseId: d.lease_id,
        reviewer: d.user_id ? { id: d.user_id, username: d.username, role: d.role } : null,
      })),
      deliveries: (
        deliveries.all(r.id) as Array<{
          id: string;
          type: string;
          status: string;
          attempts: number;
          last_status_code: number | null;
          created_at: string;
          delivered_at: string | null;
        }>
      ).map((d) => ({
        id: d.id,
        type: d.type,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.last_status_code,
        createdAt: d.created_at,
        deliveredAt: d.delivered_at,
      })),
      audit: (audit.all(r.id) as AuditJoin[]).map((a) => ({
        seq: a.seq,
        at: a.at,
        actor: { type: a.actor_type, id: a.actor_id, name: a.actor_name },
        ip: a.ip,
        action: a.action,
        details: JSON.parse(a.details) as unknown,
        hash: a.hash,
      })),
    });
    rows++;
  }
  return rows;
}
