/**
 * A tenant's site URL and the ingest `url` resolved against it. Comment systems such as Waline keep the page as
 * a path (`/posts/1.html`); with a site URL on the tenant such a path becomes the page's absolute address.
 */

/** `raw` as an absolute http(s) URL without credentials, or why it is not one (site and callback URLs alike). */
export function parseHttpUrl(raw: string): { url: URL; problem: null } | { url: null; problem: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { url: null, problem: 'not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { url: null, problem: 'only http and https URLs are allowed' };
  if (url.username || url.password) return { url: null, problem: 'credentials in the URL are not allowed' };
  return { url, problem: null };
}

/** Why `raw` cannot be a site URL, or null when it can: absolute http(s), no credentials, no query or fragment. */
export function siteUrlProblem(raw: string): string | null {
  const { url, problem } = parseHttpUrl(raw);
  if (!url) return problem;
  return url.search || url.hash ? 'must not have a query or fragment' : null;
}

/** An ingest `url` that is a path on the tenant's site: one leading slash (`//host` would name another site). */
export const isSitePath = (url: string): boolean => url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');

/** The absolute page URL for an ingest `url`; null when it is a path and the tenant has no site URL. */
export function resolveContentUrl(url: string, siteUrl: string | null): string | null {
  if (!isSitePath(url)) return url;
  if (!siteUrl) return null;
  // As a browser resolves it: the path replaces the site URL's own path (Waline's paths already start at the root).
  return new URL(url, siteUrl).toString();
}
