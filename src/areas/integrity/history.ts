// Is the history intact? The chain against its signed anchors, and today's records against what
// their audit events say they are. A direct edit of a clearance shows up in the second check unless
// the chain was rewritten to match, and a rewritten chain shows up in the first.
import type { KeyObject } from 'node:crypto';
import type { Executor } from '../../db/connection.ts';
import type { Anchor } from '../audit/rules.ts';
import { eventsInOrder } from '../audit/repo.ts';
import { type AnchoredCheck, verifyAgainstAnchors } from '../audit/service.ts';
import { claimsByIds, officersOfClaims } from '../clearances/repo.ts';
import { officersByClaim, officersByRole, presentClaim } from '../clearances/present.ts';
import { type DeepCheck, deepCheck } from './deep-check.ts';
import { type RecordedOfficer, driftedFields, foldImages } from './rules.ts';

export interface RecordsCheck {
  /** Clearances whose audit events describe them, and were compared. */
  compared: number;
  /** Clearances that differ from their history, with the fields that differ. */
  drifted: { id: number; fields: string[] }[];
}

export interface HistoryCheck extends AnchoredCheck {
  records: RecordsCheck;
  /** With `deep`: the tables the figures read, against the latest seal. */
  deep?: DeepCheck;
  ok: boolean;
}

export async function verifyHistory(
  db: Executor,
  options: { publicKey?: KeyObject; outsideAnchors?: Anchor[]; deep?: boolean } = {},
): Promise<HistoryCheck> {
  const anchored = await verifyAgainstAnchors(db, options);
  const records = await compareClearances(db);
  const deep = options.deep ? await deepCheck(db) : undefined;
  const ok =
    anchored.chain.ok &&
    anchored.anchorProblems.length === 0 &&
    records.drifted.length === 0 &&
    (deep?.ok ?? true);
  return { ...anchored, records, ...(deep ? { deep } : {}), ok };
}

const BATCH = 500;

/** Compares each clearance that has its own audit events with the image those events add up to. */
async function compareClearances(db: Executor): Promise<RecordsCheck> {
  const history = new Map<number, { before: unknown; after: unknown }[]>();
  // Once any event of a record is redacted, its history no longer adds up to the record: skip it.
  const redacted = new Set<number>();
  for await (const e of eventsInOrder(db, 'clearance')) {
    const id = Number(e.entity_id);
    if (!Number.isInteger(id)) continue; // an import's summary
    if (e.before_json === null && e.after_json === null) {
      redacted.add(id);
      continue;
    }
    if (e.after_json === null) continue;
    const images = {
      before: JSON.parse(e.before_json ?? 'null') as unknown,
      after: JSON.parse(e.after_json) as unknown,
    };
    const list = history.get(id);
    if (list) list.push(images);
    else history.set(id, [images]);
  }
  const ids = [...history.keys()].filter((id) => !redacted.has(id));
  const drifted: RecordsCheck['drifted'] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const officers = officersByClaim(await officersOfClaims(db, batch));
    const current = new Map(
      (await claimsByIds(db, batch)).map((c) => {
        const named = officers.get(c.id) ?? [];
        // The officers as their history can tell them: the account, and the name they were given.
        const image = (o: (typeof named)[number]): RecordedOfficer => ({
          username: o.username ?? null,
          namedAs: o.name,
        });
        return [c.id, { ...presentClaim(c, named), ...officersByRole(named, image) }];
      }),
    );
    for (const id of ids.slice(i, i + BATCH)) {
      const now = current.get(id);
      if (!now) {
        drifted.push({ id, fields: ['(the record is gone)'] });
        continue;
      }
      const fields = driftedFields(foldImages(history.get(id)!), { ...now });
      if (fields.length > 0) drifted.push({ id, fields });
    }
  }
  return { compared: ids.length, drifted };
}
