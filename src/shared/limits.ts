// The longest value each kind of free-text field takes, in characters. One set for both sides:
// the server's schemas refuse a longer value (`too_long` with its `limit`), and the web's forms
// stop typing there (maxLength) and count down on the long ones. Pure, so the web imports it.

export const LIMITS = {
  /** Identifiers: unit codes, listing numbers, user names. */
  code: 40,
  /** Document numbers: evidence references (a detention notice, a death record), case numbers, receipts. */
  documentNumber: 64,
  /** Names of people, units, agencies and campaigns; labels; search words. */
  name: 100,
  /** Titles, places, an offence in a few words. */
  title: 200,
  /** Reasons, notes, descriptions, questions, notices of praise or criticism. */
  reason: 2000,
  /** Reports and findings: of a visit, an inspection, a rectification. */
  report: 5000,
  /** Whole documents: the body of a notice, the minutes of a meeting. */
  document: 20_000,
} as const;

/** A field at least this long gets a counter of the characters left in the web's forms. */
export const COUNTED_FROM = LIMITS.reason;
