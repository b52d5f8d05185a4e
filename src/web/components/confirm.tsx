import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** An official act asked about before it is done: what it is, and what will happen. */
export interface ConfirmRequest {
  title: string;
  /** What will happen, with the figures it changes where there are any. */
  body: ReactNode;
  /** The button that does it, named by the act ("Verify", "Issue"…). */
  confirm: string;
  danger?: boolean;
}

/**
 * A modal confirmation for official acts: `ask` opens it and resolves to true when the user
 * confirms, false when they cancel (the button, Escape). Render `dialog` somewhere in the page.
 */
export function useConfirm(): { dialog: ReactNode; ask: (request: ConfirmRequest) => Promise<boolean> } {
  const [open, setOpen] = useState<(ConfirmRequest & { resolve: (yes: boolean) => void }) | null>(null);
  const ask = useCallback(
    (request: ConfirmRequest) => new Promise<boolean>((resolve) => setOpen({ ...request, resolve })),
    [],
  );
  const close = (yes: boolean) => {
    open?.resolve(yes);
    setOpen(null);
  };
  return { dialog: open && <ConfirmDialog {...open} onClose={close} />, ask };
}

function ConfirmDialog({
  title,
  body,
  confirm,
  danger,
  onClose,
}: ConfirmRequest & { onClose: (yes: boolean) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`} className="confirm-body">
        {body}
      </div>
      <div className="actions">
        <button type="button" onClick={() => onClose(false)}>
          {t('Cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          autoFocus
          onClick={() => onClose(true)}
        >
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
