/**
 * Rule packs saved in the console (CONTRACT §7, §10). The store is their shared record: every api and worker
 * process mirrors them into its own first SHENHE_RULES_DIR folder (workers/pack-sync.ts), where its file reloader
 * picks them up, so a pack saved through one api process reaches every machine. `revision` rises with every save
 * across all packs, so a process asks one cheap question ("anything new?") instead of reading every pack each time.
 * The name becomes a file name: letters, digits, - and _ only, as the console's route checks.
 */
export const sql = `
CREATE TABLE rule_packs (
  name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^A-Za-z0-9_-]*' AND substr(name, 1, 1) NOT IN ('-', '_')),
  yaml TEXT NOT NULL,
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  revision INTEGER NOT NULL UNIQUE,
  updated_at TEXT NOT NULL
);
`;
