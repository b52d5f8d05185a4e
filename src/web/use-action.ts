import { useState } from 'react';
import { ApiError } from './api.ts';

/**
 * A button's action against the API: `run` clears the last error, marks the work busy, and keeps
 * the refusal (ErrorNote and FieldError word it in the reader's language) if it fails; it
 * returns whether the work succeeded.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  async function run(work: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (e) {
      setError(asApiError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

/** Any failure of a request as an ApiError: what is not a refusal of the server is a network failure. */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'network', String(e));
}
