/**
 * A tenant's site URL (`https://blog.example.cn/`): ingest `url` may then be a path such as `/posts/1.html`
 * (what Waline and most comment systems hold), resolved against it so moderators see the real page.
 */
export const sql = `
ALTER TABLE tenants ADD COLUMN site_url TEXT;
`;
