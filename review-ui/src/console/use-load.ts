import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';

/** GETs `path` whenever it or `version` changes; the console pages bump `version` after a change. */
export function useLoad<T>(path: string | null, version = 0): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setError(null);
    api.get<T>(path).then(
      (r) => live && setData(r),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [path, version]);
  return { data, error };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
