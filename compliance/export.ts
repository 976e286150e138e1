import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { newId } from '../lib/ids';
import { appendAudit } from '../store/sqlite/audit-helpers';
import { insertExport, type ExportFilters } from '../store/sqlite/exports';
import type { ImageRow, ItemRow } from '../store/sqlite/items';
import type { Actor, SqliteStore } from '../store/store';
import { DAY_MS, parseDay } from './dates';

export interface ExportManifest {
  exportId: string;
  file: string;
  format: 'jsonl';
  rows: number;
  bytes: number;
  sha256: string;
  from: string;
  to: string;
  tenant: string | null;
  author: string | null;
  keyword: string | null;
  reason: string | null;
  requester: string | null;
  createdAt: string;
  createdBy: { type: string; id: string | null; name: string | null };
  timezone: 'UTC';
}

export interface ExportRequest extends ExportFilters {
  out: string;
  reason: string | null;
  requester: string | null;
  actor: Actor;
}

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

export const manifestPath = (out: string): string => `${out}.manifest.json`;

/**
 * One JSON line per item: content, author and source IPs, images, the filter's verdict, every decision with the
 * reviewer, webhook outcomes and the item's audit trail. Read in one snapshot (a read transaction), so the file
 * and its manifest describe one consistent state of the store.
 */
function writeLines(store: SqliteStore, f: ExportFilters, fd: number): { rows: number; bytes: number; sha256: string } {
  const fromIso = (parseDay(f.from) as Date).toISOString();
  const toIso = new Date((parseDay(f.to) as Date).getTime() + DAY_MS).toISOString();
  const db = store.db;
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

  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  for (const r of items.iterate({ from: fromIso, to: toIso, tenant: f.tenantId, author: f.authorId, kw: f.keyword }) as IterableIterator<ItemRow>) {
    const v = verdict.get(r.id) as { body: string } | undefined;
    const line = JSON.stringify({
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
    const buf = Buffer.from(`${line}\n`, 'utf8');
    writeSync(fd, buf);
    hash.update(buf);
    bytes += buf.length;
    rows++;
  }
  return { rows, bytes, sha256: hash.digest('hex') };
}

/**
 * Clause 16 export: writes `out` (JSON Lines) and `out.manifest.json`, registers the export and audits it with who
 * asked and the legal basis — the audit row and the register entry commit together, after the file is complete.
 */
export function exportRecords(store: SqliteStore, req: ExportRequest): ExportManifest {
  const out = path.resolve(req.out);
  mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  const partial = `${out}.partial-${process.pid}`;
  const fd = openSync(partial, 'w', 0o600);
  const filters: ExportFilters = { from: req.from, to: req.to, tenantId: req.tenantId, authorId: req.authorId, keyword: req.keyword };
  let stats: { rows: number; bytes: number; sha256: string };
  try {
    stats = store.db.transaction(() => writeLines(store, filters, fd)).deferred();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, out);
  const manifest: ExportManifest = {
    exportId: newId('ex'),
    file: path.basename(out),
    format: 'jsonl',
    rows: stats.rows,
    bytes: statSync(out).size,
    sha256: stats.sha256,
    from: req.from,
    to: req.to,
    tenant: req.tenantId,
    author: req.authorId,
    keyword: req.keyword,
    reason: req.reason,
    requester: req.requester,
    createdAt: new Date().toISOString(),
    createdBy: { type: req.actor.type, id: req.actor.id, name: req.actor.name },
    timezone: 'UTC',
  };
  writeFileSync(manifestPath(out), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  store.tx(() => {
    insertExport(
      store,
      {
        id: manifest.exportId,
        createdAt: manifest.createdAt,
        requester: req.requester,
        reason: req.reason,
        filters,
        rows: manifest.rows,
        bytes: manifest.bytes,
        sha256: manifest.sha256,
        file: out,
      },
      req.actor,
    );
    appendAudit(
      store,
      req.actor,
      'export.create',
      { type: 'export', id: manifest.exportId },
      {
        filters,
        rows: manifest.rows,
        sha256: manifest.sha256,
        file: out,
        reason: req.reason ?? '(no legal basis given)',
        requester: req.requester,
      },
    );
  });
  return manifest;
}
