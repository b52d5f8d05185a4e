import type { Generated, Insertable, Selectable } from 'kysely';

/** Table types of the whole schema. Dates are `YYYY-MM-DD` strings, instants ISO-8601 strings. */
export interface Database {
  units: UnitsTable;
  fugitives: FugitivesTable;
  clearances: ClearancesTable;
  campaigns: CampaignsTable;
  audit_events: AuditEventsTable;
}

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  created_at: string;
}

export interface FugitivesTable {
  id: Generated<number>;
  listing_no: string;
  name: string;
  sex: string | null;
  birth_date: string | null;
  id_number: string | null;
  crime_category: string;
  offence: string;
  case_no: string | null;
  listing_agency: string;
  /** Set when the listing agency is one of our units (a local fugitive); null for remote ones. */
  listing_unit_id: number | null;
  listed_on: string;
  published: number;
  reward: number | null;
  /** The earliest verified clearance, kept in step by the clearances area (figures read these). */
  exit_clearance_id: number | null;
  exit_on: string | null;
  exit_kind: string | null;
  exit_unit_id: number | null;
  created_at: string;
}

export interface ClearancesTable {
  id: Generated<number>;
  fugitive_id: number;
  kind: string;
  occurred_on: string;
  /** Our unit that arrested or received the surrender; null when an outside agency did. */
  capturing_unit_id: number | null;
  capturing_agency: string | null;
  persuading_unit_id: number | null;
  place: string | null;
  evidence_ref: string | null;
  status: string;
  provenance: string;
  claimed_by: string;
  entered_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
}

export interface CampaignsTable {
  id: Generated<number>;
  name: string;
  baseline_on: string;
  start_on: string;
  deadline_on: string;
  year_end_on: string;
  target: number;
  /** Comma-separated clearance kinds that count toward the decline rate. */
  counted_kinds: string;
  created_at: string;
}

export interface AuditEventsTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  data_digest: string;
  prev_hash: string;
  hash: string;
}

export type UnitRow = Selectable<UnitsTable>;
export type FugitiveRow = Selectable<FugitivesTable>;
export type NewFugitive = Insertable<FugitivesTable>;
export type ClearanceRow = Selectable<ClearancesTable>;
export type NewClearance = Insertable<ClearancesTable>;
export type CampaignRow = Selectable<CampaignsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
