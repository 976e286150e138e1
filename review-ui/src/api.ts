/** The moderator API client: session cookie (sent by the browser) plus the CSRF token on every state change. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (idle timeout, logout elsewhere). */
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

export async function request<T>(method: string, path: string, body?: unknown, init: { keepalive?: boolean } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    body: body !== undefined ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
    keepalive: init.keepalive,
  });
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) {
    const err = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
    if (res.status === 401 && path !== '/api/login') for (const fn of unauthorizedListeners) fn();
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? res.statusText);
  }
  return { status: res.status, body: parsed as T };
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path).then((r) => r.body),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body).then((r) => r.body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body).then((r) => r.body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body).then((r) => r.body),
  del: <T>(path: string) => request<T>('DELETE', path).then((r) => r.body),
};

/** Query string from the non-empty entries of an object. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
