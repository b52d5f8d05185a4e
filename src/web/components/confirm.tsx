import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LimitedTextarea } from './long-text.tsx';

/** An official act asked about before it is done: what it is, and what will happen. */
export interface ConfirmRequest {
  title: string;
  /** What will happen, with the figures it changes where there are any. */
  body: ReactNode;
  /** The button that does it, named by the act ("Verify", "Issue"…). */
  confirm: string;
  danger?: boolean;
}

/** A text the act records (a reason, a note, what was done), written in the dialog. */
export interface WrittenRequest extends ConfirmRequest {
  /** The text field's label ("Basis of the verification"). */
  label: string;
  /** Its most characters (the server's limit for the field). */
  limit: number;
}

type Open = ConfirmRequest & { written?: Omit<WrittenRequest, keyof ConfirmRequest> } & {
  resolve: (answer: string | null) => void;
};

/**
 * A modal confirmation for official acts: `ask` opens it and resolves to true when the user
 * confirms, false when they cancel (the button, Escape); `askWritten` asks for a text as well
 * (a reason, a record) and resolves to it, trimmed, or to null when cancelled. Render `dialog`
 * somewhere in the page.
 */
export function useConfirm(): {
  dialog: ReactNode;
  ask: (request: ConfirmRequest) => Promise<boolean>;
  askWritten: (request: WrittenRequest) => Promise<string | null>;
} {
  const [open, setOpen] = useState<Open | null>(null);
  const ask = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) =>
        setOpen({ ...request, resolve: (answer) => resolve(answer !== null) }),
      ),
    [],
  );
  const askWritten = useCallback(
    ({ label, limit, ...request }: WrittenRequest) =>
      new Promise<string | null>((resolve) => setOpen({ ...request, written: { label, limit }, resolve })),
    [],
  );
  const close = (answer: string | null) => {
    open?.resolve(answer);
    setOpen(null);
  };
  return { dialog: open && <ConfirmDialog {...open} onClose={close} />, ask, askWritten };
}

function ConfirmDialog({
  title,
  body,
  confirm,
  danger,
  written,
  onClose,
}: Omit<Open, 'resolve'> & { onClose: (answer: string | null) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [text, setText] = useState('');
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  // The act waits for its text.
  const missing = written !== undefined && text.trim() === '';
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        onClose(null);
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`} className="confirm-body">
        {body}
      </div>
      {written && (
        <div className="stack confirm-written">
          <label htmlFor={`${id}-text`}>{written.label}</label>
          <LimitedTextarea
            id={`${id}-text`}
            limit={written.limit}
            rows={3}
            value={text}
            required
            autoFocus
            onChange={(e) => setText(e.target.value)}
          />
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={() => onClose(null)}>
          {t('Cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          autoFocus={!written}
          disabled={missing}
          onClick={() => onClose(text.trim())}
        >
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
