import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { localDate } from '../../shared/dates.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import { inScope, unitFilter } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { findCampaign, standings } from '../campaigns/service.ts';
import { allUnits } from '../units/repo.ts';
import type { UnitKind } from '../units/rules.ts';
import { presentLetter } from './present.ts';
import * as repo from './repo.ts';
import { type DocumentType, documentFileName, signingProblems } from './rules.ts';
import type { LetterInput, LetterOut, LettersOut } from './schema.ts';
import { acceptScan, storeDocument } from './documents.ts';

async function loadLetter(ctx: Context, id: number) {
  const letter = await repo.letterById(ctx.db, id);
  if (!letter) throw new NotFoundError('letter', String(id));
  if (!inScope(ctx.scope, letter.unit_id))
    throw new ForbiddenError(`letter ${id} belongs to a unit outside yours`, 'out_of_scope');
  return letter;
}

/**
 * A unit signs its responsibility letter (责任书) for a campaign: its target, and its baseline as
 * the figures give it on the signing date, frozen from then on. The signer is the signed-in user.
 * One letter per unit and campaign.
 */
export async function signLetter(ctx: Context, campaignName: string, input: LetterInput): Promise<LetterOut> {
  const signer = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const unit = (await allUnits(tx.db)).find((u) => u.code === input.unitCode);
    if (!unit) throw new DomainError('unknown_unit', `unknown unit ${input.unitCode}`, 'unitCode');
    if (!inScope(tx.scope, unit.id))
      throw new ForbiddenError(`unit ${unit.code} is outside yours`, 'out_of_scope');
    const signedOn = input.signedOn ?? localDate(tx.now);
    const problem = signingProblems(
      signedOn,
      { baselineOn: campaign.baseline_on, deadlineOn: campaign.deadline_on },
      localDate(tx.now),
    )[0];
    if (problem)
      throw new DomainError('invalid_letter', `${problem.field}: ${problem.message}`, problem.field);

    const target = input.target ?? campaign.target;
    if (target < campaign.target && !signer.roles.includes('commander'))
      throw new DomainError(
        'invalid_letter',
        `target: a unit cannot set itself a target below the campaign's ${campaign.target}`,
        'target',
      );
    const figures = await standings(tx, { campaign: campaign.name, asOf: signedOn });
    const baseline = figures.units.find((u) => u.code === unit.code)?.baseline ?? 0;
    const id = await repo.insertLetter(tx.db, {
      campaign_id: campaign.id,
      unit_id: unit.id,
      target,
      baseline,
      signer_id: signer.id,
      signed_on: signedOn,
      created_at: tx.now.toISOString(),
    });
    if (id === undefined)
      throw new ConflictError(
        'duplicate',
        `unit ${unit.code} has already signed its letter for ${campaign.name}`,
        'unitCode',
      );
    const letter = presentLetter((await repo.letterById(tx.db, id))!);
    await recordEvent(tx, { action: 'letter.sign', entityType: 'letter', entityId: id, after: letter });
    return letter;
  });
}

/** A campaign's letters in the caller's units, and the units there that have not signed yet. */
export async function listLetters(ctx: Context, campaignName: string): Promise<LettersOut> {
  const campaign = await findCampaign(ctx.db, campaignName);
  const [letters, units] = await Promise.all([
    repo.lettersOfCampaign(ctx.db, campaign.id, unitFilter(ctx.scope)),
    allUnits(ctx.db),
  ]);
  const signed = new Set(letters.map((l) => l.unit_id));
  return {
    campaign: campaign.name,
    letters: letters.map(presentLetter),
    unsigned: units
      .filter((u) => inScope(ctx.scope, u.id) && !signed.has(u.id))
      .map((u) => ({ code: u.code, name: u.name, kind: u.kind as UnitKind })),
  };
}

export interface Upload {
  bytes: Buffer;
  /** The name the client gave the file; only its base name is kept. */
  fileName?: string;
}

/**
 * Attaches the scanned letter: a PDF, PNG or JPEG (recognised by its content, not by what the
 * client says it is), at most 5 MiB, stored once under its SHA-256. A new scan replaces the link
 * to the old one; the old bytes stay stored, and the audit chain records both digests.
 */
export async function attachDocument(ctx: Context, id: number, upload: Upload): Promise<LetterOut> {
  signedInUser(ctx);
  const { bytes } = upload;
  const mediaType = acceptScan(bytes);
  return inTransaction(ctx, async (tx) => {
    const letter = await loadLetter(tx, id);
    const sha256 = await storeDocument(tx, bytes, mediaType);
    const name = documentFileName(upload.fileName, mediaType, `letter-${letter.unit_code}`);
    await repo.setLetterDocument(tx.db, id, { sha256, name });
    await recordEvent(tx, {
      action: 'letter.document',
      entityType: 'letter',
      entityId: id,
      before: {
        document:
          letter.document_sha256 === null
            ? null
            : { sha256: letter.document_sha256, name: letter.document_name },
      },
      after: { document: { sha256, name, mediaType, size: bytes.length } },
    });
    return presentLetter((await repo.letterById(tx.db, id))!);
  });
}

export interface StoredDocument {
  bytes: Buffer;
  mediaType: DocumentType;
  fileName: string;
}

/** The scanned letter's bytes, as stored. */
export async function letterDocument(ctx: Context, id: number): Promise<StoredDocument> {
  const letter = await loadLetter(ctx, id);
  const doc = await repo.documentOfLetter(ctx.db, id);
  if (!doc) throw new NotFoundError('scanned letter of letter', String(id));
  return {
    bytes: Buffer.isBuffer(doc.content) ? doc.content : Buffer.from(doc.content),
    mediaType: doc.media_type as DocumentType,
    fileName: doc.document_name ?? `letter-${letter.unit_code}.bin`,
  };
}
