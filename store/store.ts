export * from './sqlite/sqlite-store';
export type { SqliteStore as Store } from './sqlite/sqlite-store';
