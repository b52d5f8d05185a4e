import { type InputHTMLAttributes, type TextareaHTMLAttributes, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from '../i18n.ts';

/** "12 of 64 characters": the room left in a limited field, as the reader types. */
function Counter({ id, used, limit }: { id: string; used: number; limit: number }) {
  const { t } = useTranslation();
  return (
    <span id={id} className={`counter small${used >= limit ? ' full' : ' muted'}`}>
      {t('{{used}} of {{limit}} characters', { used: format.number(used), limit: format.number(limit) })}
    </span>
  );
}

/**
 * A textarea for a long free-text field: it stops at the field's limit (src/shared/limits.ts,
 * the same the server enforces) and counts the characters used, for the reader to see the room left.
 */
export function LimitedTextarea({
  limit,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { limit: number }) {
  const counter = useId();
  const [typed, setTyped] = useState(String(props.defaultValue ?? '').length);
  const used = props.value === undefined ? typed : String(props.value).length;
  return (
    <>
      <textarea
        {...props}
        maxLength={limit}
        aria-describedby={[props['aria-describedby'], counter].filter(Boolean).join(' ')}
        onChange={(e) => {
          setTyped(e.target.value.length);
          props.onChange?.(e);
        }}
      />
      <Counter id={counter} used={used} limit={limit} />
    </>
  );
}

/** A one-line free-text field (a document number, a place) with its limit shown, as LimitedTextarea. */
export function LimitedInput({ limit, ...props }: InputHTMLAttributes<HTMLInputElement> & { limit: number }) {
  const counter = useId();
  const [typed, setTyped] = useState(String(props.defaultValue ?? '').length);
  const used = props.value === undefined ? typed : String(props.value).length;
  return (
    <>
      <input
        {...props}
        maxLength={limit}
        aria-describedby={[props['aria-describedby'], counter].filter(Boolean).join(' ')}
        onChange={(e) => {
          setTyped(e.target.value.length);
          props.onChange?.(e);
        }}
      />
      <Counter id={counter} used={used} limit={limit} />
    </>
  );
}

/**
 * A value of unforeseen length (a document number, a place) on one line, cut with an ellipsis
 * where it would widen its table; the whole value is its tooltip.
 */
export function Clipped({ text }: { text: string }) {
  return (
    <span className="clip" title={text}>
      {text}
    </span>
  );
}
