import { rows, row, type Sql } from './db';

export interface StoredRulePack {
  name: string;
  yaml: string;
  version: number;
  updatedAt: string;
}

const PACK_COLUMNS = 'name, yaml, version, updated_at AS "updatedAt"';

/**
 * Rule packs edited in the console (CONTRACT §10): the SQLite deployment writes them to the operator folder; with
 * several machines they live here and every process's reloader reads them. Each save bumps the version.
 */
export const rulePacks = {
  async list(q: Sql): Promise<StoredRulePack[]> {
    return rows<StoredRulePack>(q, `SELECT ${PACK_COLUMNS} FROM rule_packs ORDER BY name`);
  },

  async get(q: Sql, name: string): Promise<StoredRulePack | null> {
    return row<StoredRulePack>(q, `SELECT ${PACK_COLUMNS} FROM rule_packs WHERE name = $1`, [name]);
  },

  /** Saves a pack, one version up. */
  async save(q: Sql, name: string, yaml: string, now: string): Promise<StoredRulePack> {
    return (await row<StoredRulePack>(
      q,
      `INSERT INTO rule_packs (name, yaml, version, updated_at) VALUES ($1, $2, 1, $3)
       ON CONFLICT (name) DO UPDATE SET yaml = excluded.yaml, version = rule_packs.version + 1, updated_at = excluded.updated_at
       RETURNING ${PACK_COLUMNS}`,
      [name, yaml, now],
    )) as StoredRulePack;
  },

  /** Grows with every save (each bumps a version): a reloader notices any change with one cheap query. */
  async stamp(q: Sql): Promise<string> {
    const r = await row<{ n: number; v: number | null }>(q, 'SELECT COUNT(*) AS n, SUM(version)::bigint AS v FROM rule_packs');
    return `${r?.n ?? 0}:${r?.v ?? 0}`;
  },
};
