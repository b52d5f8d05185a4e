import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.ts';
import { errorText } from '../error-text.ts';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('Loading…')}
    </p>
  );
}

/** An API error as a sentence in the reader's language; forms show a field's error next to that field. */
export function ErrorNote({ error }: { error: ApiError | undefined }) {
  const { i18n } = useTranslation();
  if (!error) return null;
  return (
    <div className="error" role="alert">
      {errorText(error, i18n)}
    </div>
  );
}

/** The error of one form field, if the API named it. */
export function FieldError({ error, field }: { error: ApiError | undefined; field: string }) {
  const { i18n } = useTranslation();
  if (!error || error.field !== field) return null;
  return (
    <span className="field-error" role="alert" id={`${field}-error`}>
      {errorText(error, i18n)}
    </span>
  );
}
