import { spawn } from 'node:child_process';
import type { Pool } from 'pg';
import { row, tx } from './db';

/** libpq's environment for `url`, so no password ever appears on a command line (visible in `ps`). */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname);
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (db) env.PGDATABASE = db;
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (err) => reject(new Error(`${command}: ${err.message} (is the PostgreSQL client installed?)`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim().slice(0, 2000)}`))));
  });
}

/**
 * A consistent online backup: `pg_dump --format=custom` of exactly the snapshot in which the audit log's last entry
 * was read (an exported snapshot held open for the dump's duration), so the backup's audit anchor is exact.
 * Restore with `pg_restore --clean --if-exists -d <url> FILE`. Needs `pg_dump` (same major version or newer) on the PATH.
 */
export async function dumpTo(pool: Pool, url: string, file: string): Promise<{ auditSeq: number }> {
  return tx(pool, async (c) => {
    await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await row<{ id: string }>(c, 'SELECT pg_export_snapshot() AS id'))?.id as string;
    const auditSeq = (await row<{ seq: number | null }>(c, 'SELECT MAX(seq) AS seq FROM audit'))?.seq ?? 0;
    await run('pg_dump', ['--format=custom', '--no-owner', `--snapshot=${snapshot}`, `--file=${file}`], libpqEnv(url));
    return { auditSeq };
  });
}
