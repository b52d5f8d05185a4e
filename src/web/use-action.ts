import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from './api.ts';
import { localized, useLabels } from './workflow.ts';

/**
 * A button's action against the API: `run` clears the last error, marks the work busy, and keeps
 * the refusal (in the reader's language) if it fails; it returns whether the work succeeded.
 */
export function useAction() {
  const { t } = useTranslation();
  const l = useLabels();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  async function run(work: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (e) {
      setError(localized(e, t, l));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
