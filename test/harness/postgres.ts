import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server the tests use: 127.0.0.1:5432, trust auth, user postgres (CI installs it); SHENHE_TEST_PG_URL overrides. */
export const TEST_PG_URL = process.env.SHENHE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlFor(database: string): string {
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
  } catch (err) {
    // Fail, never skip: a suite that silently skips PostgreSQL proves nothing about it.
    throw new Error(`PostgreSQL is not reachable at ${TEST_PG_URL} (set SHENHE_TEST_PG_URL): ${(err as Error).message}`);
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Drops a database after ending every connection to it (a pool left open in a failed test must not block it). */
export async function dropDatabase(name: string): Promise<void> {
  await admin(async (c) => {
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await c.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let swept: Promise<void> | null = null;

/**
 * Drops the databases left by test processes that died before their afterAll (a crash, a kill). Only for a server on
 * this machine, where the pid in the name is one of ours to check.
 */
function sweepLeftovers(): Promise<void> {
  swept ??= (async () => {
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(TEST_PG_URL).hostname)) return;
    const names = await admin(async (c) => (await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'shenhe\\_test\\_%'`)).rows);
    for (const { datname } of names) {
      const pid = Number(/^shenhe_test_(\d+)_/.exec(datname)?.[1]);
      if (pid && !alive(pid)) await dropDatabase(datname);
    }
  })();
  return swept;
}

/**
 * Private databases for one test file: `fresh()` creates a uniquely named one (shenhe_test_<pid>_<random>) and returns
 * its URL; `dropAll()` (in afterAll) drops every one it created. With `prepare` (say, applying the migrations), the
 * first call prepares a template database once and every fresh one is a copy of it, which is much faster than
 * preparing each.
 */
export function testDatabases(prepare?: (url: string) => Promise<void>): { fresh: () => Promise<string>; dropAll: () => Promise<void> } {
  const created: string[] = [];
  let template: Promise<string> | null = null;
  const create = async (from: string | null): Promise<string> => {
    await sweepLeftovers();
    const name = `shenhe_test_${process.pid}_${randomBytes(5).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${quote(name)}${from ? ` TEMPLATE ${quote(from)}` : ''}`));
    created.push(name);
    return name;
  };
  return {
    fresh: async () => {
      if (!prepare) return urlFor(await create(null));
      template ??= create(null).then(async (name) => {
        await prepare(urlFor(name));
        return name;
      });
      return urlFor(await create(await template));
    },
    dropAll: async () => {
      template = null;
      // In parallel: each DROP DATABASE waits for a checkpoint, and those overlap.
      await Promise.all(created.splice(0).map(dropDatabase));
    },
  };
}
