import * as m001 from './migrations/001-pipeline';
import * as m002 from './migrations/002-console';
import * as m003 from './migrations/003-compliance';
import * as m004 from './migrations/004-site-url';
import * as m005 from './migrations/005-appeals';
import * as m006 from './migrations/006-learning';
import * as m007 from './migrations/007-shared-state';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The PostgreSQL schema, one file each under store/postgres/migrations/. Versions 1–6 are the SQLite migrations of the
 * same numbers in PostgreSQL terms (same tables, same invariants, same error tokens); 7 adds what several machines must
 * share. Never edit a released migration: add a new file and a line here.
 */
export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'pipeline', sql: m001.sql },
  { version: 2, name: 'console', sql: m002.sql },
  { version: 3, name: 'compliance', sql: m003.sql },
  { version: 4, name: 'site-url', sql: m004.sql },
  { version: 5, name: 'appeals and shadow hits', sql: m005.sql },
  { version: 6, name: 'learning from moderators', sql: m006.sql },
  { version: 7, name: 'state shared between machines', sql: m007.sql },
].sort((a, b) => a.version - b.version);
