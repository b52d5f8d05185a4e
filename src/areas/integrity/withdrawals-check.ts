// The withdrawals of listings against their audit events (part of the deep check). An approved
// withdrawal takes a listing out of every list and figure, so a row of listing_withdrawals planted,
// edited or deleted in SQL would move the figures with no trace but this: each row is compared with
// the image its events add up to, and every row that differs is named with the fields that differ.
import type { Executor } from '../../db/connection.ts';
import { eventsInOrder } from '../audit/repo.ts';
import { allWithdrawals } from '../registry/repo.ts';
import { WITHDRAWAL_ACTIONS, toWithdrawal } from '../registry/withdrawal.ts';
import { driftedFields, foldImages } from './rules.ts';

export interface WithdrawalsCheck {
  /** Withdrawal requests compared with their audit events. */
  compared: number;
  /** Requests that differ from their events: the fields, or that the row or its events are missing. */
  drifted: { id: number; listingNo: string; fields: string[] }[];
}

const ACTIONS = new Set<string>(Object.values(WITHDRAWAL_ACTIONS));
const NO_EVENT = '(no audited event)';
const ROW_GONE = '(the row is gone)';

export async function compareWithdrawals(db: Executor): Promise<WithdrawalsCheck> {
  const history = new Map<number, { before: unknown; after: unknown }[]>();
  // A redacted event no longer says which request it was about: its listing's requests are skipped.
  const redacted = new Set<string>();
  for await (const e of eventsInOrder(db, 'fugitive')) {
    if (!ACTIONS.has(e.action)) continue;
    if (e.after_json === null) {
      redacted.add(e.entity_id);
      continue;
    }
    const after = JSON.parse(e.after_json) as { id?: unknown } | null;
    if (typeof after?.id !== 'number') continue;
    const images = { before: JSON.parse(e.before_json ?? 'null') as unknown, after };
    const list = history.get(after.id);
    if (list) list.push(images);
    else history.set(after.id, [images]);
  }
  const rows = (await allWithdrawals(db)).filter((w) => !redacted.has(w.listing_no));
  const drifted: WithdrawalsCheck['drifted'] = [];
  for (const w of rows) {
    const events = history.get(w.id);
    const fields = events
      ? driftedFields(foldImages(events), { ...toWithdrawal(w.listing_no, w) })
      : [NO_EVENT];
    if (fields.length > 0) drifted.push({ id: w.id, listingNo: w.listing_no, fields });
  }
  const present = new Set(rows.map((w) => w.id));
  for (const [id, events] of history) {
    const { listingNo } = foldImages(events);
    if (typeof listingNo !== 'string') continue;
    if (!present.has(id) && !redacted.has(listingNo)) drifted.push({ id, listingNo, fields: [ROW_GONE] });
  }
  return { compared: rows.length, drifted: drifted.sort((a, b) => a.id - b.id) };
}
