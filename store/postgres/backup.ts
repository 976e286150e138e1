import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { Pool } from 'pg';
import { rows, row, tx, type Sql } from './db';

/**
 * Backups of the PostgreSQL store, written by shenhe itself rather than `pg_dump`, so they work from any machine
 * (the runtime image has no PostgreSQL client, and pg_dump refuses a server newer than itself). The file is gzipped
 * JSON lines: a header, then for each table, parents before children, `{"table"}` and its rows as `row_to_json`
 * gives them (bytea as `\x…` hex, JSON text kept byte for byte, so the audit chain verifies after a restore).
 * Everything is read in one REPEATABLE READ snapshot, through a cursor, so memory stays flat.
 */
export const BACKUP_FORMAT = 'shenhe-postgres-backup';

interface Header {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  createdAt: string;
  auditSeq: number;
}

const quote = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

/** The schema's tables, parents before children (foreign keys), so a restore can insert them in this order. */
async function tablesInOrder(c: Sql): Promise<string[]> {
  const tables = (await rows<{ name: string }>(c, `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`)).map(
    (t) => t.name,
  );
  const edges = await rows<{ child: string; parent: string }>(
    c,
    `SELECT cl.relname AS child, pr.relname AS parent FROM pg_constraint k
     JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pr ON pr.oid = k.confrelid
     WHERE k.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace`,
  );
  const ordered: string[] = [];
  const done = new Set<string>();
  const visit = (t: string, path: Set<string>): void => {
    if (done.has(t) || path.has(t)) return;
    path.add(t);
    for (const e of edges) if (e.child === t && e.parent !== t) visit(e.parent, path);
    done.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function write(out: NodeJS.WritableStream, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

/** Writes the whole store into `file` from one snapshot; returns the last audit entry it holds. */
export async function dumpTo(pool: Pool, file: string): Promise<{ auditSeq: number }> {
  const gzip = createGzip();
  const sink = createWriteStream(file, { mode: 0o600 });
  gzip.pipe(sink);
  const finished = once(sink, 'close');
  try {
    const auditSeq = await tx(pool, async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const schemaVersion = (await row<{ v: number }>(c, 'SELECT MAX(version) AS v FROM schema_migrations'))?.v ?? 0;
      const seq = (await row<{ seq: number | null }>(c, 'SELECT MAX(seq) AS seq FROM audit'))?.seq ?? 0;
      const header: Header = { format: BACKUP_FORMAT, schemaVersion, createdAt: new Date().toISOString(), auditSeq: seq };
      await write(gzip, JSON.stringify(header));
      for (const table of await tablesInOrder(c)) {
        await write(gzip, JSON.stringify({ table }));
        await c.query(`DECLARE dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quote(table)} t`);
        for (;;) {
          const batch = await rows<{ j: string }>(c, 'FETCH 1000 FROM dump');
          for (const r of batch) await write(gzip, r.j);
          if (batch.length < 1000) break;
        }
        await c.query('CLOSE dump');
      }
      return seq;
    });
    gzip.end();
    await finished;
    // On disk before the caller renames it into place and records it.
    const fd = openSync(file, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return { auditSeq };
  } catch (err) {
    gzip.destroy();
    sink.destroy();
    throw err;
  }
}

/**
 * Loads a backup into an EMPTY, migrated database at the same schema version (open a PostgresStore on it first).
 * The rows go in as they were — statuses, the audit chain and its anchor included — so the tables' own triggers,
 * which guard live changes, are switched off for the load (the owner may do that) and on again before commit.
 */
export async function restoreFrom(pool: Pool, file: string): Promise<{ tables: number; rows: number; auditSeq: number }> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  const header = (first.done ? null : JSON.parse(first.value)) as Header | null;
  if (header?.format !== BACKUP_FORMAT) throw new Error(`${file} is not a shenhe PostgreSQL backup`);
  return tx(pool, async (c) => {
    const version = (await row<{ v: number }>(c, 'SELECT MAX(version) AS v FROM schema_migrations'))?.v ?? 0;
    if (version !== header.schemaVersion) throw new Error(`the backup has schema version ${header.schemaVersion}, this database ${version}`);
    const used = await row<{ n: number }>(c, 'SELECT (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM audit) + (SELECT COUNT(*) FROM users) AS n');
    if ((used?.n ?? 0) > 0) throw new Error('restore needs an empty database: this one holds items, users or audit entries');
    const tables = await tablesInOrder(c);
    for (const t of tables) await c.query(`ALTER TABLE ${quote(t)} DISABLE TRIGGER USER`);
    // Reference data the migrations inserted comes back from the backup.
    for (const t of [...tables].reverse()) if (t !== 'schema_migrations') await c.query(`DELETE FROM ${quote(t)}`);
    let table: string | null = null;
    let batch: string[] = [];
    let count = 0;
    const flush = async () => {
      if (!table || batch.length === 0 || table === 'schema_migrations') return void (batch = []);
      await c.query(`INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`, [`[${batch.join(',')}]`]);
      count += batch.length;
      batch = [];
    };
    for (let next = await it.next(); !next.done; next = await it.next()) {
      const line = next.value;
      if (line.startsWith('{"table":')) {
        await flush();
        table = (JSON.parse(line) as { table: string }).table;
        if (!tables.includes(table)) throw new Error(`the backup holds table ${table}, which this schema has not`);
      } else {
        batch.push(line);
        if (batch.length >= 1000) await flush();
      }
    }
    await flush();
    // Identity columns continue after the restored rows.
    for (const s of await rows<{ t: string; col: string }>(
      c,
      `SELECT table_name AS t, column_name AS col FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'`,
    )) {
      await c.query(
        `SELECT CASE WHEN m > 0 THEN setval(seq, m, true) ELSE setval(seq, 1, false) END
         FROM (SELECT pg_get_serial_sequence($1, $2) AS seq, (SELECT MAX(${quote(s.col)}) FROM ${quote(s.t)}) AS m) x`,
        [quote(s.t), s.col],
      );
    }
    for (const t of tables) await c.query(`ALTER TABLE ${quote(t)} ENABLE TRIGGER USER`);
    return { tables: tables.length, rows: count, auditSeq: header.auditSeq };
  });
}
