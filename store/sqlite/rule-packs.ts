import type { Db } from './db';

/** A rule pack as the console saved it: the shared record each process mirrors into its first rules folder. */
export interface RulePack {
  name: string;
  yaml: string;
  /** SHA-256 of `yaml` (the pack's `hash`). */
  hash: string;
  updatedAt: string;
}

/** Inserts or replaces pack `name` with the next revision; call it inside the store's transaction. */
export function saveRulePack(db: Db, name: string, yaml: string, hash: string, now: string): void {
  db.prepare(
    `INSERT INTO rule_packs (name, yaml, hash, revision, updated_at)
     VALUES (@name, @yaml, @hash, (SELECT COALESCE(MAX(revision), 0) + 1 FROM rule_packs), @now)
     ON CONFLICT(name) DO UPDATE SET yaml = excluded.yaml, hash = excluded.hash, revision = excluded.revision, updated_at = excluded.updated_at`,
  ).run({ name, yaml, hash, now });
}

export function listRulePacks(db: Db): RulePack[] {
  return db.prepare('SELECT name, yaml, hash, updated_at AS updatedAt FROM rule_packs ORDER BY name').all() as RulePack[];
}

/** The latest revision (0 before the first save): changes with every save, so "unchanged" needs no pack read. */
export function rulePacksVersion(db: Db): number {
  return (db.prepare('SELECT COALESCE(MAX(revision), 0) AS v FROM rule_packs').get() as { v: number }).v;
}
