export const CLEARANCE_KINDS = ['arrest', 'surrender', 'death', 'cancellation'] as const;
export type ClearanceKind = (typeof CLEARANCE_KINDS)[number];

export const CLEARANCE_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type ClearanceStatus = (typeof CLEARANCE_STATUSES)[number];

/** Arrests and surrenders are captures: someone of ours (or outside) actually took the person. */
export function isCapture(kind: string): boolean {
  return kind === 'arrest' || kind === 'surrender';
}
