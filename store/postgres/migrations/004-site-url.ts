/** A tenant's site URL (SQLite migration 004): ingest `url` paths are resolved against it. */
export const sql = `
ALTER TABLE tenants ADD COLUMN site_url TEXT;
`;
