import { useCallback, useEffect, useState } from 'react';
import type { MaybeOptionalInit } from 'openapi-fetch';
import { type AnswerOf, ApiError, client, ok } from './api.ts';
import type { paths } from './generated/api-types.ts';
import { asApiError } from './use-action.ts';

/** Loads with `load` whenever `key` changes (never while it is null): data, the error if any, and a way to load again. */
function useLoad<T>(key: string | null, load: () => Promise<T>) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setLoading(true);
    load()
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
    // `load` is a new function on every render; `key` says what it loads.
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}

type Get = { [P in keyof paths]: paths[P]['get'] extends undefined ? never : P }[keyof paths];
type GetInit<P extends Get> = MaybeOptionalInit<paths[P], 'get'>;

/**
 * Loads a GET route through the typed client and keeps it fresh, again whenever the path or its
 * parameters change; `null` loads nothing. The data is typed as the route answers.
 */
export function useGet<P extends Get, I extends GetInit<P>>(
  path: P | null,
  ...init: undefined extends GetInit<P> ? [I?] : [I]
) {
  const key = path === null ? null : `${path} ${JSON.stringify(init[0] ?? {})}`;
  // One call for any path: the signature above has already checked the path and its parameters.
  const get = client.GET as unknown as (path: string, init: unknown) => Promise<{ response: Response }>;
  return useLoad(key, () => ok<AnswerOf<P>>(get(path!, init[0])));
}
