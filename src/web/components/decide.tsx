import { useState } from 'react';
import { LIMITS } from '../../shared/limits.ts';
import { LimitedTextarea } from './long-text.tsx';

/**
 * A decision on something proposed or reported: a button that grants it, and one that refuses it,
 * enabled once the reason is written (an inspector's return, a commander's decline).
 */
export function DecideWithReason({
  grant,
  refuse,
  reasonLabel,
  busy,
  onDecide,
}: {
  /** The buttons' names ("Accept", "Approve"; "Send back", "Decline"). */
  grant: string;
  refuse: string;
  reasonLabel: string;
  busy: boolean;
  /** With a reason when refused. */
  onDecide: (reason?: string) => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <div className="stack">
      <button type="button" className="primary" disabled={busy} onClick={() => onDecide()}>
        {grant}
      </button>
      <LimitedTextarea
        aria-label={reasonLabel}
        placeholder={reasonLabel}
        limit={LIMITS.reason}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="button" disabled={busy || !reason.trim()} onClick={() => onDecide(reason.trim())}>
        {refuse}
      </button>
    </div>
  );
}
