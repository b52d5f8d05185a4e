// Day-to-day upkeep of the registry by the units that keep it: a new listing entered, a listing
// corrected with a reason.
// Every change is an audited event that keeps the previous values, and none reaches into a frozen
// baseline: the snapshot keeps the person as frozen until a commander corrects the baseline.
import type { FugitiveRow } from '../../db/tables.ts';
import { type Context, inTransaction } from '../../shared/context.ts';
import { localDate } from '../../shared/dates.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, refusalOf } from '../../shared/errors.ts';
import { issueRefusal } from '../../shared/issues.ts';
import { inScope, requireInScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { frozenBaselinesOfPerson } from '../campaigns/repo.ts';
import { refreshPersons, suggestMatches } from '../persons/repo.ts';
import { allUnits } from '../units/repo.ts';
import { unitCodeReader } from '../units/rules.ts';
import * as repo from './repo.ts';
import {
  CORRECTABLE_FIELDS,
  type CorrectableField,
  LISTING_FIELDS,
  type ListingField,
  changesFigures,
  changesIdentity,
  correctionChanges,
  fieldOfColumn,
  listingProblem,
} from './rules.ts';
import {
  type CorrectionInput,
  type CorrectionOut,
  type FugitiveSummary,
  type NewListingInput,
  correctionInput,
  fugitiveRow,
  newListingInput,
} from './schema.ts';
import { toRecord, toSummary } from './service.ts';
import { linkNewListings } from '../persons/service.ts';
import { scanLatestCampaign } from '../integrity/service.ts';

/** A listing as an import file would write it, for the row checks to read again. */
function asWritten(f: FugitiveRow): Record<string, string> {
  return {
    listing_no: f.listing_no,
    name: f.name,
    sex: f.sex ?? '',
    birth_date: f.birth_date ?? '',
    id_number: f.id_number ?? '',
    crime_category: f.crime_category,
    offence: f.offence,
    case_no: f.case_no ?? '',
    listing_agency: f.listing_agency,
    listed_on: f.listed_on,
    published: String(f.published),
    reward: f.reward === null ? '' : String(f.reward),
  };
}

/** Checks a listing written as a file row would be, by the import's rules; refuses by API field name. */
function checkedRow(row: Record<string, string>) {
  const parsed = fugitiveRow.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const column = String(issue.path[0] ?? '');
  const { code, params } = issueRefusal(issue, row[column]);
  const field = fieldOfColumn(column);
  throw new DomainError(code, `${field}: ${issue.message}`, field, { ...params, field });
}

/**
 * A listing written as a file row, checked as an import checks it: the row's own rules, then the
 * listing agency (a unit's code or exact name stands for the unit) and the listing date.
 */
async function checkedListing(tx: Context, row: Record<string, string>) {
  const parsed = checkedRow(row);
  const unitRows = await allUnits(tx.db);
  const agency = unitCodeReader(unitRows)(parsed.listing_agency);
  const unit = unitRows.find((u) => u.code === agency);
  const problem = listingProblem({ ...parsed, listing_agency: agency }, localDate(tx.now), !!unit);
  if (problem) throw refusalOf({ ...problem, field: fieldOfColumn(problem.field) });
  return { parsed: { ...parsed, listing_agency: agency }, agency, unit };
}

/**
 * Enters one new listing for a unit of the caller's (an outside agency's listing: city-wide roles
 * only), checked as an import row is, linked to its person as an import links it, and audited.
 */
export async function enterFugitive(ctx: Context, input: NewListingInput): Promise<FugitiveSummary> {
  const given = newListingInput.parse(input);
  const row: Record<string, string> = { published: '0' };
  for (const [field, column] of Object.entries(LISTING_FIELDS) as [ListingField, string][])
    row[column] = given[field] ?? '';
  return inTransaction(ctx, async (tx) => {
    const { parsed, unit } = await checkedListing(tx, row);
    if (unit) requireInScope(tx.scope, unit);
    else if (!tx.scope.all)
      throw new ForbiddenError(
        'remote_listing_city_only',
        "an outside agency's listing is entered by the city",
        'listingAgency',
        { unit: parsed.listing_agency },
      );
    const [existing] = await repo.fugitivesByListingNo(tx.db, [parsed.listing_no]);
    if (existing)
      throw new ConflictError(
        'listing_exists',
        `listing ${parsed.listing_no} is already registered`,
        'listingNo',
        { value: parsed.listing_no },
      );
    await repo.insertFugitives(tx.db, [
      { ...toRecord(parsed, unit?.id ?? null), created_at: tx.now.toISOString() },
    ]);
    const persons = await linkNewListings(tx);
    const out = toSummary((await repo.fugitiveByListingNo(tx.db, parsed.listing_no))!);
    await recordEvent(tx, {
      action: 'fugitive.enter',
      entityType: 'fugitive',
      entityId: parsed.listing_no,
      after: { ...out, suggestedMatches: persons.suggestedMatches },
    });
    await scanLatestCampaign(tx);
    return out;
  });
}

/**
 * Corrects a listing's fields, with a reason, for the unit that keeps it (a remote listing only
 * city-wide). The values are checked as an import row is; the old values stay in the audit event
 * and on the case page. When the person's unit, listing date or homicide flag changes, the figures
 * follow the corrected record, but a frozen baseline keeps the person as it was frozen.
 */
export async function correctFugitive(
  ctx: Context,
  listingNo: string,
  input: CorrectionInput,
): Promise<CorrectionOut> {
  const { changes: given, reason } = correctionInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const found = await repo.fugitiveByListingNo(tx.db, listingNo);
    if (!found) throw new NotFoundError('fugitive', listingNo);
    await repo.lockFugitive(tx.db, found.id);
    if (!inScope(tx.scope, found.listing_unit_id))
      throw new ForbiddenError('out_of_scope', `fugitive ${listingNo} is not kept by your units`, undefined, {
        what: 'fugitive',
        key: listingNo,
      });
    const row = asWritten(found);
    for (const [field, value] of Object.entries(given) as [CorrectableField, string | undefined][])
      if (value !== undefined) row[CORRECTABLE_FIELDS[field]] = value;
    const { parsed, agency, unit } = await checkedListing(tx, row);
    if (unit && unit.id !== found.listing_unit_id) requireInScope(tx.scope, unit);

    const after = {
      name: parsed.name,
      sex: parsed.sex,
      birth_date: parsed.birth_date,
      id_number: parsed.id_number,
      crime_category: parsed.crime_category,
      offence: parsed.offence,
      case_no: parsed.case_no,
      listing_agency: agency,
      listed_on: parsed.listed_on,
    };
    const changes = correctionChanges(found, after);
    if (changes.length === 0)
      throw new DomainError('no_change', 'the correction changes nothing', 'changes', { listingNo });
    if (after.id_number !== found.id_number) await requireSamePerson(tx, found, after.id_number);

    await repo.updateFugitive(tx.db, found.id, { ...after, listing_unit_id: unit?.id ?? null });
    const figuresChanged = changesFigures(changes);
    if (figuresChanged && found.person_id !== null) await refreshPersons(tx.db, [found.person_id]);
    const frozen =
      figuresChanged && found.person_id !== null ? await frozenBaselinesOfPerson(tx.db, found.person_id) : [];
    // A corrected name, sex, birth date or ID number may make the person look like another one.
    const suggestedMatches = changesIdentity(changes)
      ? await suggestMatches(tx.db, [found.id], tx.now.toISOString())
      : 0;
    const out: CorrectionOut = {
      listingNo,
      at: tx.now.toISOString(),
      by: tx.actor,
      reason,
      changes,
      figuresChanged,
      frozenBaselines: frozen.map((b) => ({ campaign: b.campaign, unit: { code: b.code, name: b.name } })),
      suggestedMatches,
    };
    await recordEvent(tx, {
      action: 'fugitive.correct',
      entityType: 'fugitive',
      entityId: listingNo,
      before: Object.fromEntries(changes.map((c) => [c.field, c.from])),
      after: out,
    });
    return out;
  });
}

/**
 * A new ID number must leave the listing with the same person: one that another listing bears, or
 * one that would split a person whose listings share the old number, is a matter of who the person
 * is, which a correction of one field does not decide.
 */
async function requireSamePerson(tx: Context, f: FugitiveRow, idNumber: string | null): Promise<void> {
  const other = idNumber === null ? undefined : await repo.otherListingWithIdNumber(tx.db, idNumber, f.id);
  if (other && other.person_id !== f.person_id)
    throw new ConflictError(
      'id_number_of_another_listing',
      `ID number ${idNumber} is borne by listing ${other.listing_no}, another person's`,
      'idNumber',
      { value: idNumber ?? '', listingNo: other.listing_no },
    );
  if (f.person_id !== null && (await repo.listingCountOfPerson(tx.db, f.person_id)) > 1)
    throw new ConflictError(
      'id_number_shared_by_person',
      `listing ${f.listing_no} is one of several listings of one person: its ID number is the person's`,
      'idNumber',
      { listingNo: f.listing_no },
    );
}
