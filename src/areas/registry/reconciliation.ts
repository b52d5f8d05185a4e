// Reconciliation of the registry with the national wanted-persons list: the national system's
// export of the bureau's listings is read (the import's columns, Chinese or English, plus an
// optional 状态/status column: 在逃/已撤销) and compared with the registry as of a date. Nothing is
// changed: a user imports or corrects the differences deliberately.
import { localDate } from '../../shared/dates.ts';
import { type Context } from '../../shared/context.ts';
import { DomainError, type RowError } from '../../shared/errors.ts';
import { type ImportLimits, importLimits } from '../../import/limits.ts';
import { validateRow } from '../../import/parsed-rows.ts';
import { type Columns, readTable } from '../../import/read-table.ts';
import { unitFilter } from '../accounts/rules.ts';
import { findCampaign, standings } from '../campaigns/service.ts';
import { allUnits } from '../units/repo.ts';
import { subtreeIds, unitCodeReader } from '../units/rules.ts';
import * as repo from './repo.ts';
import {
  type ListStatus,
  type ListedEntry,
  NATIONAL_STATUS_LABELS,
  compareLists,
  impliedBaseline,
} from './reconcile-rules.ts';
import { fugitiveColumns, fugitiveRow } from './schema.ts';

/** The national export's columns: the import's, and the listing's state there. */
export const nationalColumns: Columns = {
  ...fugitiveColumns,
  optional: [...(fugitiveColumns.optional ?? []), 'status'],
  aliases: { ...fugitiveColumns.aliases, 状态: 'status', 在逃状态: 'status', 人员状态: 'status' },
};

type UnitRef = { code: string; name: string } | null;

export interface Entry extends ListedEntry {
  unit: UnitRef;
  /** The national file's row (a spreadsheet's number), for the rows read from it. */
  row?: number;
}

export interface UnitDifferences {
  unit: UnitRef;
  onlyThere: number;
  onlyHere: number;
  statusDiffers: number;
  fieldsDiffer: number;
  withdrawnHere: number;
}

export interface ReconciliationOut {
  asOf: string;
  unit: UnitRef;
  counts: {
    there: number;
    here: number;
    onlyThere: number;
    onlyHere: number;
    statusDiffers: number;
    fieldsDiffer: number;
    withdrawnHere: number;
    unreadable: number;
  };
  onlyThere: Entry[];
  onlyHere: Entry[];
  statusDiffers: { listingNo: string; name: string; unit: UnitRef; here: ListStatus; there: ListStatus }[];
  fieldsDiffer: {
    listingNo: string;
    unit: UnitRef;
    fields: { field: 'name' | 'idNumber' | 'listingAgency'; here: string | null; there: string | null }[];
  }[];
  /** At large on the national list, withdrawn here as entered by mistake: to withdraw there too. */
  withdrawnHere: Entry[];
  /** Rows of the national file that could not be read (never compared), with why. */
  unreadable: RowError[];
  byUnit: UnitDifferences[];
  /** The campaign's frozen baseline (ours) beside the one the national list implies. */
  baseline: { campaign: string; ours: number; national: number } | null;
}

function statusOf(text: string | undefined): ListStatus | undefined {
  const v = (text ?? '').trim();
  if (v === '') return 'active';
  return NATIONAL_STATUS_LABELS[v] ?? NATIONAL_STATUS_LABELS[v.toLowerCase()];
}

/**
 * Compares the national list in a file with the registry as of a date (default today), for the
 * whole bureau or one unit and the units below it, and reports each difference with counts, per
 * unit, and the baseline the national list implies beside ours.
 */
export async function reconcileWithNational(
  ctx: Context,
  path: string,
  options: { asOf?: string; unit?: string; campaign?: string; limits?: ImportLimits } = {},
): Promise<ReconciliationOut> {
  const asOf = options.asOf ?? localDate(ctx.now);
  const unitRows = await allUnits(ctx.db);
  const unitCode = unitCodeReader(unitRows);
  const byCode = new Map(unitRows.map((u) => [u.code, u]));
  const byId = new Map(unitRows.map((u) => [u.id, u]));
  let subtree: Set<string> | undefined;
  let unit: UnitRef = null;
  if (options.unit) {
    const u = byCode.get(options.unit);
    if (!u)
      throw new DomainError('unknown_unit', `unknown unit ${options.unit}`, 'unit', { unit: options.unit });
    subtree = new Set(subtreeIds(unitRows, u.id).map((id) => byId.get(id)!.code));
    unit = { code: u.code, name: u.name };
  }
  const refOf = (code: string): UnitRef => {
    const u = byCode.get(code);
    return u ? { code: u.code, name: u.name } : null;
  };

  const there: Entry[] = [];
  const unreadable: RowError[] = [];
  for await (const batch of readTable(path, nationalColumns, options.limits ?? importLimits())) {
    for (const source of batch) {
      const parsed = validateRow(fugitiveRow, source);
      const status = statusOf(source.values.status);
      const errors = [...(parsed.errors ?? [])];
      if (!status)
        errors.push({
          field: 'status',
          ...(source.headers?.status ? { header: source.headers.status } : {}),
          code: 'not_one_of',
          params: { values: '在逃、已撤销', value: source.values.status ?? '' },
          message: 'must be 在逃 (at large) or 已撤销 (cleared)',
        });
      if (errors.length > 0 || !parsed.value || !status) {
        unreadable.push(...errors.map((e) => ({ ...e, row: source.row })));
        continue;
      }
      const f = parsed.value;
      const agency = unitCode(f.listing_agency);
      there.push({
        row: source.row,
        listingNo: f.listing_no,
        name: f.name,
        idNumber: f.id_number,
        listingAgency: agency,
        listedOn: f.listed_on,
        status,
        unit: refOf(agency),
      });
    }
  }
  const seen = new Set<string>();
  for (const t of there) {
    if (seen.has(t.listingNo))
      throw new DomainError(
        'duplicate_in_file',
        `row ${t.row}: duplicate listing number ${t.listingNo}`,
        'listing_no',
        { value: t.listingNo, row: t.row ?? 0 },
      );
    seen.add(t.listingNo);
  }

  // Ours as of the date: our units' listings (and an outside agency's one the national list holds),
  // listed by then, cleared if they left the list by then.
  const registry = await repo.rosterFugitives(ctx.db, { scope: unitFilter(ctx.scope) });
  // A withdrawn listing is in no roster, but is no listing the registry lacks either.
  const withdrawn = await repo.rosterFugitives(ctx.db, { scope: unitFilter(ctx.scope), status: 'withdrawn' });
  const exitHere = new Map(registry.map((f) => [f.listing_no, f.exit_on]));
  const here: Entry[] = registry
    .filter((f) => f.listed_on <= asOf && (f.unit_code !== null || seen.has(f.listing_no)))
    .map((f) => ({
      listingNo: f.listing_no,
      name: f.name,
      idNumber: f.id_number,
      listingAgency: f.listing_agency,
      listedOn: f.listed_on,
      status: f.exit_on !== null && f.exit_on <= asOf ? 'cleared' : 'active',
      unit: f.unit_code === null ? null : { code: f.unit_code, name: f.unit_name ?? '' },
    }));

  const inUnit = (e: Entry) => !subtree || (e.unit !== null && subtree.has(e.unit.code));
  const diff = compareLists(there, here, new Set(withdrawn.map((f) => f.listing_no)));
  const onlyThere = diff.onlyThere.filter(inUnit);
  const onlyHere = diff.onlyHere.filter(inUnit);
  const statusDiffers = diff.statusDiffers
    .filter((d) => inUnit(d.here) || inUnit(d.there))
    .map((d) => ({
      listingNo: d.here.listingNo,
      name: d.here.name,
      unit: inUnit(d.here) ? d.here.unit : d.there.unit,
      here: d.here.status,
      there: d.there.status,
    }));
  const fieldsDiffer = diff.fieldsDiffer
    .filter((d) => inUnit(d.here) || inUnit(d.there))
    .map((d) => ({
      listingNo: d.here.listingNo,
      // The side in the unit asked for (ours when both are), so the unit's own count holds it.
      unit: inUnit(d.here) ? (d.here.unit ?? d.there.unit) : d.there.unit,
      fields: d.fields,
    }));
  const withdrawnHere = diff.withdrawnHere.filter(inUnit);

  const units = new Map<string, UnitDifferences>();
  const tally = (u: UnitRef, key: Exclude<keyof UnitDifferences, 'unit'>) => {
    const k = u?.code ?? '';
    const entry = units.get(k) ?? {
      unit: u,
      onlyThere: 0,
      onlyHere: 0,
      statusDiffers: 0,
      fieldsDiffer: 0,
      withdrawnHere: 0,
    };
    entry[key] += 1;
    units.set(k, entry);
  };
  for (const e of onlyThere) tally(e.unit, 'onlyThere');
  for (const e of onlyHere) tally(e.unit, 'onlyHere');
  for (const e of statusDiffers) tally(e.unit, 'statusDiffers');
  for (const e of fieldsDiffer) tally(e.unit, 'fieldsDiffer');
  for (const e of withdrawnHere) tally(e.unit, 'withdrawnHere');
  const byUnit = [...units.values()].sort((a, b) => (a.unit?.code ?? '~').localeCompare(b.unit?.code ?? '~'));

  return {
    asOf,
    unit,
    counts: {
      there: there.filter(inUnit).length,
      here: here.filter(inUnit).length,
      onlyThere: onlyThere.length,
      onlyHere: onlyHere.length,
      statusDiffers: statusDiffers.length,
      fieldsDiffer: fieldsDiffer.length,
      withdrawnHere: withdrawnHere.length,
      unreadable: unreadable.length,
    },
    onlyThere,
    onlyHere,
    statusDiffers,
    fieldsDiffer,
    withdrawnHere,
    unreadable,
    byUnit,
    baseline: await baselines(ctx, options.campaign, asOf, unit, there.filter(inUnit), exitHere),
  };
}

/** Our frozen baseline of the unit (the bureau's when none) beside the national list's. */
async function baselines(
  ctx: Context,
  campaignName: string | undefined,
  asOf: string,
  unit: UnitRef,
  there: readonly Entry[],
  exitHere: ReadonlyMap<string, string | null>,
): Promise<ReconciliationOut['baseline']> {
  let campaign;
  try {
    campaign = await findCampaign(ctx.db, campaignName);
  } catch (e) {
    if (!campaignName && e instanceof DomainError && e.code === 'no_campaign') return null;
    throw e;
  }
  const figures = await standings(ctx, {
    campaign: campaign.name,
    asOf: asOf < campaign.start_on ? campaign.start_on : asOf,
  });
  const mine = unit ? figures.units.find((u) => u.code === unit.code) : figures.units[0];
  const national = impliedBaseline(
    there.map((t) => ({ ...t, ours: t.unit !== null })),
    exitHere,
    campaign.baseline_on,
    campaign.start_on,
  );
  return { campaign: campaign.name, ours: mine?.baseline ?? 0, national };
}
