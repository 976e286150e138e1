import Database from 'better-sqlite3';
import { Client } from 'pg';
import { PostgresStore } from '../../../store/postgres/postgres-store';
import { storePath } from '../../../store/sqlite/db';
import { SqliteStore } from '../../../store/sqlite/sqlite-store';
import type { Store } from '../../../store/store';
import { testDatabases } from '../../harness/postgres';
import { tempDir } from '../../harness/temp';

/**
 * A raw connection to the database behind a store, for the specs that prove the DATABASE refuses what the store's
 * code never attempts (a hand-written UPDATE to `approved`, a DELETE of a held item …). `?` placeholders, turned into
 * `$1…` for PostgreSQL; pass 1/0 for booleans (both databases accept them).
 */
export interface RawSql {
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export interface StoreUnderTest {
  store: Store;
  raw: RawSql;
  /** A second store on the same database, as another process would open it. */
  another(): Promise<Store>;
  close(): Promise<void>;
}

export type StoreKind = 'sqlite' | 'postgres';

function sqliteRaw(dir: string): RawSql {
  const db = new Database(storePath(dir));
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  return {
    run: async (sql, params = []) => {
      try {
        db.prepare(sql).run(...params);
      } catch (err) {
        // better-sqlite3's error class may come from another jest module registry (native addon, loaded once per
        // worker), which `rejects.toThrow` does not recognise as an Error: rethrow its message as one of ours.
        throw new Error((err as Error).message);
      }
    },
    close: async () => {
      db.close();
    },
  };
}

async function postgresRaw(url: string): Promise<RawSql> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return {
    run: async (sql, params = []) => {
      let n = 0;
      await c.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
    },
    close: () => c.end(),
  };
}

/**
 * The two implementations under one spec (`describe.each(KINDS)`): each test gets a fresh SQLite file or a fresh
 * PostgreSQL database. PostgreSQL must be reachable: the harness fails (never skips) when it is not.
 */
export function contractStores(): { open: (kind: StoreKind) => Promise<StoreUnderTest>; cleanup: () => Promise<void> } {
  // Every fresh database is a copy of one migrated template; the store's own open (migrate) then finds nothing to do.
  const dbs = testDatabases(async (url) => (await PostgresStore.open(url, { poolSize: 1 })).close());
  const open: Array<() => Promise<void>> = [];
  // Closing twice (a test's afterEach, then cleanup) is harmless.
  const track = (fn: () => Promise<void>): (() => Promise<void>) => {
    let done: Promise<void> | null = null;
    const close = () => (done ??= fn());
    open.push(close);
    return close;
  };
  return {
    open: async (kind) => {
      if (kind === 'sqlite') {
        const t = tempDir();
        const store = new SqliteStore(t.dir);
        const raw = sqliteRaw(t.dir);
        const others: Store[] = [];
        const close = track(async () => {
          await raw.close();
          for (const s of others) await s.close();
          await store.close();
          t.cleanup();
        });
        return {
          store,
          raw,
          another: async () => {
            const s = new SqliteStore(t.dir);
            others.push(s);
            return s;
          },
          close,
        };
      }
      const url = await dbs.fresh();
      const store = await PostgresStore.open(url);
      const raw = await postgresRaw(url);
      const others: Store[] = [];
      const close = track(async () => {
        await raw.close();
        for (const s of others) await s.close();
        await store.close();
      });
      return {
        store,
        raw,
        another: async () => {
          const s = await PostgresStore.open(url);
          others.push(s);
          return s;
        },
        close,
      };
    },
    cleanup: async () => {
      for (const close of open.splice(0)) await close().catch(() => undefined);
      await dbs.dropAll();
    },
  };
}

export const KINDS: StoreKind[] = ['sqlite', 'postgres'];

/**
 * Inside a `describe.each(KINDS)` block: a fresh store of `kind` for every test (closed after it), all databases
 * dropped after the file. The returned view always shows the current test's store.
 */
export function eachTestStore(kind: StoreKind): StoreUnderTest {
  const stores = contractStores();
  let current: StoreUnderTest | null = null;
  beforeEach(async () => {
    current = await stores.open(kind);
  });
  afterEach(() => current?.close());
  afterAll(() => stores.cleanup());
  const now = (): StoreUnderTest => {
    if (!current) throw new Error('eachTestStore: no store outside a test');
    return current;
  };
  return {
    get store() {
      return now().store;
    },
    get raw() {
      return now().raw;
    },
    another: () => now().another(),
    close: () => now().close(),
  };
}
