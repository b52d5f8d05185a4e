// Small pieces the forms share.

/** Today in the browser's time zone, as the date inputs want it. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The mark of a required field (the input itself says so to screen readers). */
export function Req() {
  return (
    <span className="req" aria-hidden="true">
      *
    </span>
  );
}
