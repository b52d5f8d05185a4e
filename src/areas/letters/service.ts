import { onOneConnection } from '../../db/connection.ts';
import { StagedRows } from '../../db/staged-rows.ts';
import { type Context, inTransaction, inTransactionOnce, signedInUser } from '../../shared/context.ts';
import { type IsoDate, localDate } from '../../shared/dates.ts';
import type { ParsedRows } from '../../import/parsed-rows.ts';
import { type ImportOptions, type ImportOutcome, RowErrors, RowsDigest } from '../../import/validate-rows.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, refusalOf } from '../../shared/errors.ts';
import { inScope, unitFilter, requireInScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { findCampaign, standings } from '../campaigns/service.ts';
import { allUnits } from '../units/repo.ts';
import type { UnitKind } from '../units/rules.ts';
import { presentLetter } from './present.ts';
import * as repo from './repo.ts';
import { type DocumentType, documentFileName, signingProblems } from './rules.ts';
import type { LetterInput, LetterOut, LetterRowInput, LettersOut } from './schema.ts';
import { acceptScan, storeDocument } from './documents.ts';

async function loadLetter(ctx: Context, id: number) {
  const letter = await repo.letterById(ctx.db, id);
  if (!letter) throw new NotFoundError('letter', String(id));
  if (!inScope(ctx.scope, letter.unit_id))
    throw new ForbiddenError('out_of_scope', `letter ${id} belongs to a unit outside yours`, undefined, {
      what: 'letter',
      key: String(id),
    });
  return letter;
}

/**
 * Each unit's baseline as a letter signed on the date shows it, by unit code: the figures' baseline,
 * which is the unit's frozen count once the campaign's baseline is frozen.
 */
async function baselinesOn(ctx: Context, campaignName: string, on: IsoDate): Promise<Map<string, number>> {
  const figures = await standings(ctx, { campaign: campaignName, asOf: on });
  return new Map(figures.units.map((u) => [u.code, u.baseline]));
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
    if (!unit)
      throw new DomainError('unknown_unit', `unknown unit ${input.unitCode}`, 'unitCode', {
        unit: input.unitCode,
      });
    requireInScope(tx.scope, unit);
    const signedOn = input.signedOn ?? localDate(tx.now);
    const problem = signingProblems(
      signedOn,
      { baselineOn: campaign.baseline_on, deadlineOn: campaign.deadline_on },
      localDate(tx.now),
    )[0];
    if (problem) throw refusalOf(problem);

    const target = input.target ?? campaign.target;
    if (target < campaign.target && !signer.roles.includes('commander'))
      throw new DomainError(
        'target_below_campaign',
        `target: a unit cannot set itself a target below the campaign's ${campaign.target}`,
        'target',
        { limit: campaign.target },
      );
    const baseline = (await baselinesOn(tx, campaign.name, signedOn)).get(unit.code) ?? 0;
    const id = await repo.insertLetter(tx.db, {
      campaign_id: campaign.id,
      unit_id: unit.id,
      target,
      baseline,
      signer_id: signer.id,
      signed_by: signer.displayName,
      provenance: 'entry',
      signed_on: signedOn,
      created_at: tx.now.toISOString(),
    });
    if (id === undefined)
      throw new ConflictError(
        'duplicate',
        `unit ${unit.code} has already signed its letter for ${campaign.name}`,
        'unitCode',
        { unit: unit.code },
      );
    const letter = presentLetter((await repo.letterById(tx.db, id))!);
    await recordEvent(tx, { action: 'letter.sign', entityType: 'letter', entityId: id, after: letter });
    return letter;
  });
}

/**
 * Brings in a campaign's letters from their signed paper originals (`unit,target,signed_by,signed_on`),
 * all or nothing: an unknown unit, a signing date the campaign does not allow, a unit twice in the
 * file, or a unit that already signed a different letter fails its row, and then nothing is
 * imported. A letter already registered as written is skipped, so the same file can come twice.
 * Each letter keeps the unit's baseline as of its signing date, like a letter signed in the app.
 * The file is read and checked into a temporary table first, without the write lock; the one
 * transaction that writes checks the rows again against the letters signed by then.
 */
export async function importLetters(
  ctx: Context,
  campaignName: string,
  rows: ParsedRows<LetterRowInput>,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  return onOneConnection(ctx.db, async (db) => {
    const staged = await StagedRows.create<LetterRowInput>(db);
    try {
      const errors = new RowErrors(options);
      const total = await stageLetters({ ...ctx, db }, campaignName, staged, rows, errors);
      errors.throwIfAny();
      return await writeStagedLetters({ ...ctx, db }, campaignName, staged, total, errors);
    } finally {
      await staged.drop();
    }
  });
}

/** Reads the file, checks each row (unit, date, once in the file, the letters signed so far), stages the good ones; returns the row count. */
async function stageLetters(
  ctx: Context,
  campaignName: string,
  staged: StagedRows<LetterRowInput>,
  rows: ParsedRows<LetterRowInput>,
  errors: RowErrors,
): Promise<number> {
  const campaign = await findCampaign(ctx.db, campaignName);
  const units = new Set((await allUnits(ctx.db)).map((u) => u.code));
  const signed = await signedLetters(ctx, campaign.id);
  const today = localDate(ctx.now);
  const inFile = new Set<string>();
  let total = 0;
  for await (const batch of rows) {
    const good: { row: number; value: LetterRowInput }[] = [];
    for (const source of batch) {
      total += 1;
      const l = errors.valueOf(source);
      if (!l) continue;
      const problem = signingProblems(
        l.signed_on,
        { baselineOn: campaign.baseline_on, deadlineOn: campaign.deadline_on },
        today,
      )[0];
      if (!units.has(l.unit))
        errors.add(source.row, 'unit', 'unknown_unit', `unknown unit ${l.unit}`, { unit: l.unit });
      else if (inFile.has(l.unit))
        errors.add(source.row, 'unit', 'duplicate_in_file', `unit ${l.unit} appears twice in the file`, {
          value: l.unit,
        });
      else if (problem) errors.add(source.row, 'signed_on', problem.code, problem.message, problem.params);
      else if (!signedDifferently(errors, source.row, campaign.name, signed.get(l.unit), l))
        good.push({ row: source.row, value: l });
      inFile.add(l.unit);
    }
    // Once a row is bad nothing will be kept, so stop staging and only check the rest.
    if (!errors.refusesFile) await staged.add(good);
  }
  return total;
}

/** Writes the staged letters in one transaction, each checked again against the letters signed by then. */
async function writeStagedLetters(
  ctx: Context,
  campaignName: string,
  staged: StagedRows<LetterRowInput>,
  total: number,
  errors: RowErrors,
): Promise<ImportOutcome> {
  // Not run twice: the row errors found while writing add to the file's.
  return inTransactionOnce(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const unitOf = new Map((await allUnits(tx.db)).map((u) => [u.code, u]));
    const signed = await signedLetters(tx, campaign.id);
    const fresh: LetterRowInput[] = [];
    let unchanged = 0;
    for await (const chunk of staged.read(tx.db, 500))
      for (const { row, value: l } of chunk) {
        const before = signed.get(l.unit);
        if (!before) fresh.push(l);
        else if (!signedDifferently(errors, row, campaign.name, before, l)) unchanged += 1;
      }
    errors.throwIfAny();

    const at = tx.now.toISOString();
    const digest = new RowsDigest();
    const baselines = new Map<IsoDate, Map<string, number>>();
    for (const l of fresh) {
      if (!baselines.has(l.signed_on))
        baselines.set(l.signed_on, await baselinesOn(tx, campaign.name, l.signed_on));
      const row = {
        campaign_id: campaign.id,
        unit_id: unitOf.get(l.unit)!.id,
        target: l.target,
        baseline: baselines.get(l.signed_on)!.get(l.unit) ?? 0,
        signer_id: null,
        signed_by: l.signed_by,
        provenance: 'import',
        signed_on: l.signed_on,
        created_at: at,
      };
      if ((await repo.insertLetter(tx.db, row)) === undefined)
        throw new ConflictError(
          'letter_signed_meanwhile',
          `unit ${l.unit} signed its letter a moment ago: import again`,
          'unit',
          { unit: l.unit },
        );
      digest.add(row);
    }
    const summary = errors.summary({ rows: total, inserted: fresh.length, unchanged });
    await recordEvent(tx, {
      action: 'letters.import',
      entityType: 'campaign',
      entityId: campaign.id,
      after: { ...summary, rowsDigest: digest.hex() },
    });
    return errors.outcome(summary);
  });
}

async function signedLetters(ctx: Context, campaignId: number): Promise<Map<string, repo.LetterRow>> {
  return new Map(
    (await repo.lettersOfCampaign(ctx.db, campaignId, { all: true })).map((l) => [l.unit_code, l]),
  );
}

/** Fails the row when its unit already signed a different letter; true then. */
function signedDifferently(
  errors: RowErrors,
  row: number,
  campaignName: string,
  before: repo.LetterRow | undefined,
  l: LetterRowInput,
): boolean {
  if (!before || sameLetter(before, l)) return false;
  errors.add(
    row,
    'unit',
    'letter_already_signed',
    `unit ${l.unit} has already signed its letter for ${campaignName} (target ${Number(before.target)}, signed on ${before.signed_on})`,
    { unit: l.unit, date: before.signed_on },
  );
  return true;
}

/** An imported row that repeats a registered letter: same target, signer and date. */
function sameLetter(l: repo.LetterRow, row: LetterRowInput): boolean {
  return (
    Math.abs(Number(l.target) - row.target) < 1e-9 &&
    l.signed_by === row.signed_by &&
    l.signed_on === row.signed_on
  );
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
  if (!doc) throw new NotFoundError('letter_scan', String(id));
  return {
    bytes: Buffer.isBuffer(doc.content) ? doc.content : Buffer.from(doc.content),
    mediaType: doc.media_type as DocumentType,
    fileName: doc.document_name ?? `letter-${letter.unit_code}.bin`,
  };
}
