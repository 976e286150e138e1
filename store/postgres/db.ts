import { Pool, types, type PoolClient, type QueryResult } from 'pg';
import { MIGRATIONS } from './migrations';

/** A pool or a client inside a transaction: the table modules run their SQL on either. */
export interface Sql {
  query(text: string, values?: unknown[]): Promise<QueryResult>;
}

/** Advisory-lock keys (one bigint namespace per database); fixed so every process agrees on them. */
export const LOCKS = {
  /** Held while migrations run, so processes starting together apply each migration once. */
  migrations: 0x5348454e0001,
  /** Held by every audit append until commit: one writer order for the hash chain. */
  audit: 0x5348454e0002,
} as const;

const INT8_OID = 20;

/**
 * COUNT(*), identity columns and BIGINT come back as strings by default (they may exceed 2^53); ours never do,
 * and the SQLite store returns numbers, so parse them here — per pool, leaving pg's global parsers alone.
 */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (v: string) => Number(v);
    return types.getTypeParser(oid, format);
  },
};

export function createPool(url: string, max = 10): Pool {
  const pool = new Pool({
    connectionString: url,
    max,
    types: typeParsers,
    application_name: 'shenhe',
    connectionTimeoutMillis: 10_000,
    // A transaction left open (a relay whose Redis call hangs while it holds outbox rows) is ended by the server, so
    // its row locks go back to the other processes; the transaction rolls back and its rows stay pending.
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle client losing its connection (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

function sqlState(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/**
 * Runs `fn(client)` between BEGIN and COMMIT, rolling back on any error. A serialization failure or a deadlock runs
 * the whole of `fn` again (so `fn` must do nothing outside the database that it cannot repeat), up to `attempts`.
 */
export async function tx<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      if (attempt < attempts && RETRYABLE.has(sqlState(err) ?? '')) continue;
      throw err;
    } finally {
      client.release(broken);
    }
  }
}

/** The rows a query returns, typed by the caller (the SQL's column aliases are what gives them their shape). */
export async function rows<R>(sql: Sql, text: string, values: readonly unknown[] = []): Promise<R[]> {
  return (await sql.query(text, [...values])).rows as R[];
}

export async function row<R>(sql: Sql, text: string, values: readonly unknown[] = []): Promise<R | null> {
  return ((await sql.query(text, [...values])).rows[0] as R | undefined) ?? null;
}

/** Runs a statement and returns how many rows it changed. */
export async function run(sql: Sql, text: string, values: readonly unknown[] = []): Promise<number> {
  return (await sql.query(text, [...values])).rowCount ?? 0;
}

/**
 * Applies pending migrations, each in order and once (schema_migrations records it). The whole run holds an advisory
 * transaction lock, so several processes starting at once queue here and the later ones find nothing left to do.
 */
export async function migrate(pool: Pool): Promise<void> {
  await tx(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.migrations]);
    await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const done = new Set((await rows<{ version: number }>(c, 'SELECT version FROM schema_migrations')).map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, new Date().toISOString()]);
    }
  });
}
