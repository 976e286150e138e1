import type { ExportedItem } from '../store';
import { rows, type Sql } from './db';
import { ITEM_COLUMNS, toItem, type ItemRow } from './items';

const PAGE = 500;

/**
 * The items created in [fromIso, toIso) matching the filters, oldest first, each with its images, verdict, decisions
 * (with the reviewer), webhook outcomes and audit trail. Call inside one REPEATABLE READ transaction so the pages
 * describe one consistent state; keyset paging keeps memory flat.
 */
export async function* exportLines(
  c: Sql,
  f: { fromIso: string; toIso: string; tenantId: string | null; authorId: string | null; keyword: string | null },
): AsyncGenerator<ExportedItem> {
  let afterAt = '';
  let afterId = '';
  for (;;) {
    const page = (
      await rows<ItemRow>(
        c,
        `SELECT ${ITEM_COLUMNS} FROM items i WHERE i.created_at >= $1 AND i.created_at < $2
           AND ($3::text IS NULL OR i.tenant_id = $3) AND ($4::text IS NULL OR i.author_id = $4)
           AND ($5::text IS NULL OR strpos(lower(coalesce(i.title, '')), lower($5)) > 0 OR strpos(lower(coalesce(i.text, '')), lower($5)) > 0)
           AND (i.created_at, i.id) > ($6, $7)
         ORDER BY i.created_at, i.id LIMIT ${PAGE}`,
        [f.fromIso, f.toIso, f.tenantId, f.authorId, f.keyword, afterAt, afterId],
      )
    ).map(toItem);
    if (page.length === 0) return;
    for (const r of page) yield await line(c, r);
    afterAt = page[page.length - 1].createdAt;
    afterId = page[page.length - 1].id;
    if (page.length < PAGE) return;
  }
}

async function line(c: Sql, r: ReturnType<typeof toItem>): Promise<ExportedItem> {
  const [tenant] = await rows<{ name: string }>(c, 'SELECT name FROM tenants WHERE id = $1', [r.tenantId]);
  const [verdict] = await rows<{ body: string }>(c, 'SELECT body FROM verdicts WHERE item_id = $1', [r.id]);
  const images = await rows(
    c,
    `SELECT idx AS "index", name, sniffed_format AS format, bytes, sha256, width, height, phash FROM images WHERE item_id = $1 ORDER BY idx`,
    [r.id],
  );
  const decisions = await rows<{
    id: string;
    action: string;
    categories: string;
    note: string | null;
    decidedAt: string;
    leaseId: string | null;
    userId: string | null;
    username: string | null;
    role: string | null;
  }>(
    c,
    `SELECT d.id, d.action, d.categories, d.note, d.decided_at AS "decidedAt", d.lease_id AS "leaseId", d.user_id AS "userId", u.username, u.role
     FROM decisions d LEFT JOIN users u ON u.id = d.user_id WHERE d.item_id = $1 ORDER BY d.seq`,
    [r.id],
  );
  const deliveries = await rows(
    c,
    `SELECT id, type, status, attempts, last_status_code AS "lastStatusCode", created_at AS "createdAt", delivered_at AS "deliveredAt"
     FROM webhook_deliveries WHERE item_id = $1 ORDER BY created_at`,
    [r.id],
  );
  const audit = await rows<{
    seq: number;
    at: string;
    actorType: string;
    actorId: string | null;
    actorName: string | null;
    ip: string | null;
    action: string;
    details: string;
    hash: string;
  }>(
    c,
    `SELECT seq, at, actor_type AS "actorType", actor_id AS "actorId", actor_name AS "actorName", ip, action, details, hash
     FROM audit WHERE target_type = 'item' AND target_id = $1 ORDER BY seq`,
    [r.id],
  );
  return {
    id: r.id,
    tenantId: r.tenantId,
    tenantName: tenant?.name ?? null,
    externalId: r.externalId,
    kind: r.kind,
    title: r.title,
    text: r.text,
    url: r.url,
    meta: r.meta,
    author: { id: r.authorId, name: r.authorName, ip: r.authorIp },
    sourceIp: r.sourceIp,
    status: r.status,
    legalHold: r.legalHold,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    images,
    verdict: verdict ? (JSON.parse(verdict.body) as unknown) : null,
    decisions: decisions.map((d) => ({
      id: d.id,
      action: d.action,
      categories: JSON.parse(d.categories) as string[],
      note: d.note,
      decidedAt: d.decidedAt,
      leaseId: d.leaseId,
      reviewer: d.userId ? { id: d.userId, username: d.username, role: d.role } : null,
    })),
    deliveries,
    audit: audit.map((a) => ({
      seq: a.seq,
      at: a.at,
      actor: { type: a.actorType, id: a.actorId, name: a.actorName },
      ip: a.ip,
      action: a.action,
      details: JSON.parse(a.details) as unknown,
      hash: a.hash,
    })),
  };
}
