import { createStore } from './store';

/** Path-based routing; the server answers every non-API path with index.html. */
export const route = createStore<string>(location.pathname);

export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  route.set(location.pathname);
}

addEventListener('popstate', () => route.set(location.pathname));
