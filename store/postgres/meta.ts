import { row, run, type Sql } from './db';

/** Small shared key/value facts (daily-run claims, reminder marks), in the `meta` table. */
export const meta = {
  async get(q: Sql, key: string): Promise<string | null> {
    return (await row<{ value: string }>(q, 'SELECT value FROM meta WHERE key = $1', [key]))?.value ?? null;
  },

  async set(q: Sql, key: string, value: string): Promise<void> {
    await q.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  },

  /**
   * Sets `key` to `value` unless it already holds it, in one statement: of several processes claiming the same
   * daily run at once exactly one gets true.
   */
  async claim(q: Sql, key: string, value: string): Promise<boolean> {
    return (
      (await run(q, 'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE meta.value <> excluded.value', [
        key,
        value,
      ])) === 1
    );
  },

  /** Gives a claim back (the run failed), only if it still holds `value`. */
  async release(q: Sql, key: string, value: string): Promise<boolean> {
    return (await run(q, 'DELETE FROM meta WHERE key = $1 AND value = $2', [key, value])) === 1;
  },
};
