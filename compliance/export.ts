import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { newId } from '../lib/ids';
import type { Actor, ExportFilters, Store } from '../store/store';

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

export const manifestPath = (out: string): string => `${out}.manifest.json`;

/**
 * Clause 16 export: writes `out` (JSON Lines) and `out.manifest.json`, registers the export and audits it with who
 * asked and the legal basis — the audit row and the register entry commit together, after the file is complete.
 */
export async function exportRecords(store: Store, req: ExportRequest): Promise<ExportManifest> {
  const out = path.resolve(req.out);
  mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  const partial = `${out}.partial-${process.pid}`;
  const fd = openSync(partial, 'w', 0o600);
  const filters: ExportFilters = { from: req.from, to: req.to, tenantId: req.tenantId, authorId: req.authorId, keyword: req.keyword };
  const hash = createHash('sha256');
  let bytes = 0;
  let rows: number;
  try {
    // One JSON line per item, all read in one snapshot, so the file and its manifest describe one state of the store.
    rows = await store.exportItems(filters, (item) => {
      const buf = Buffer.from(`${JSON.stringify(item)}\n`, 'utf8');
      writeSync(fd, buf);
      hash.update(buf);
      bytes += buf.length;
    });
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const stats = { rows, bytes, sha256: hash.digest('hex') };
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
  await store.recordExport(
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
  return manifest;
}
