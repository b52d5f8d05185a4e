import type { UnitFilter } from '../accounts/rules.ts';
import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { LettersTable } from '../../db/tables.ts';

/** A responsibility letter belongs to the unit that signed it. */
export async function ownerUnitsOfLetter(db: Executor, id: string) {
  if (!/^\d+$/.test(id)) return undefined;
  const letter = await db
    .selectFrom('letters')
    .select('unit_id')
    .where('id', '=', Number(id))
    .executeTakeFirst();
  return letter && { units: [letter.unit_id] };
}

/** A letter with the names a reader needs: campaign, unit, signer, and the attached scan if any. */
function letterSelect(db: Executor) {
  return db
    .selectFrom('letters as l')
    .innerJoin('campaigns as c', 'c.id', 'l.campaign_id')
    .innerJoin('units as u', 'u.id', 'l.unit_id')
    .leftJoin('users as s', 's.id', 'l.signer_id')
    .leftJoin('documents as d', 'd.sha256', 'l.document_sha256')
    .select([
      'l.id',
      'l.campaign_id',
      'l.unit_id',
      'l.target',
      'l.baseline',
      'l.signed_on',
      'l.signed_by',
      'l.provenance',
      'l.document_sha256',
      'l.document_name',
      'l.created_at',
      'c.name as campaign_name',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.kind as unit_kind',
      's.username as signer_username',
      'd.media_type as document_type',
      'd.size as document_size',
    ]);
}
export type LetterRow = Awaited<ReturnType<ReturnType<typeof letterSelect>['execute']>>[number];

export function letterById(db: Executor, id: number): Promise<LetterRow | undefined> {
  return letterSelect(db).where('l.id', '=', id).executeTakeFirst();
}

/** A campaign's letters of some units (or of all), by unit code. */
export function lettersOfCampaign(db: Executor, campaignId: number, scope: UnitFilter): Promise<LetterRow[]> {
  let q = letterSelect(db).where('l.campaign_id', '=', campaignId);
  if (!scope.all) q = q.where('l.unit_id', 'in', [...scope.unitIds, -1]);
  return q.orderBy('u.code').execute();
}

/**
 * The targets of a campaign's letters in force on a date (signed on or before it), by unit id:
 * each such unit is judged against its letter's target instead of the campaign's.
 */
export async function letterTargets(
  db: Executor,
  campaignId: number,
  on: string,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('letters')
    .select(['unit_id', 'target'])
    .where('campaign_id', '=', campaignId)
    .where('signed_on', '<=', on)
    .execute();
  return new Map(rows.map((r) => [r.unit_id, Number(r.target)]));
}

/**
 * Inserts a letter unless the unit already has one for the campaign (the unique constraint decides,
 * so two simultaneous signings cannot both land); returns the new id, or undefined.
 */
export async function insertLetter(
  db: Executor,
  row: Omit<Insertable<LettersTable>, 'document_sha256' | 'document_name'>,
): Promise<number | undefined> {
  const inserted = await db
    .insertInto('letters')
    .values({ ...row, document_sha256: null, document_name: null })
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** Stores a document under its digest; the same bytes stored twice are kept once. */
export async function insertDocument(
  db: Executor,
  row: { sha256: string; content: Buffer; media_type: string; size: number; created_at: string },
): Promise<void> {
  await db
    .insertInto('documents')
    .values(row)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function setLetterDocument(
  db: Executor,
  id: number,
  document: { sha256: string; name: string },
): Promise<void> {
  await db
    .updateTable('letters')
    .set({ document_sha256: document.sha256, document_name: document.name })
    .where('id', '=', id)
    .execute();
}

/** The bytes of a letter's scan, with what they are. */
export function documentOfLetter(db: Executor, id: number) {
  return db
    .selectFrom('letters as l')
    .innerJoin('documents as d', 'd.sha256', 'l.document_sha256')
    .select(['d.sha256', 'd.content', 'd.media_type', 'd.size', 'l.document_name'])
    .where('l.id', '=', id)
    .executeTakeFirst();
}
