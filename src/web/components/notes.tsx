import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.ts';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('Loading…')}
    </p>
  );
}

/** An API error as a sentence; the field it concerns is shown next to that field by forms. */
export function ErrorNote({ error }: { error: ApiError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="error" role="alert">
      {t(error.status === 403 ? 'You may not see or do this.' : 'Something went wrong:')} {error.message}
    </div>
  );
}

/** The error of one form field, if the API named it. */
export function FieldError({ error, field }: { error: ApiError | undefined; field: string }) {
  if (!error || error.field !== field) return null;
  return (
    <span className="field-error" role="alert" id={`${field}-error`}>
      {error.message}
    </span>
  );
}
