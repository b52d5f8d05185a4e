import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './api.ts';
import { asApiError } from './use-action.ts';

/** Loads a GET endpoint and keeps it fresh: data, the error if any, and a way to load again. */
export function useApi<T>(url: string | null) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (url === null) return;
    let current = true;
    setLoading(true);
    api<T>('GET', url)
      .then((d) => {
        if (!current) return;
        setData(d);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (current) setError(asApiError(e));
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [url, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
