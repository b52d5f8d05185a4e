import type { ReactNode } from 'react';

/** A headline figure: its label, its value large, a note below; the tone colours its edge. */
export function Kpi({
  label,
  value,
  note,
  tone,
  testId,
}: {
  label: string;
  value: string;
  note?: ReactNode;
  tone?: string;
  testId?: string;
}) {
  return (
    <div className={`kpi ${tone ?? ''}`} data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {note && <div className="kpi-note">{note}</div>}
    </div>
  );
}
