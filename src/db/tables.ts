import type { Generated, Insertable, Selectable } from 'kysely';

/** Table types of the whole schema. Dates are `YYYY-MM-DD` strings, instants ISO-8601 strings. */
export interface Database {
  units: UnitsTable;
  fugitives: FugitivesTable;
  clearances: ClearancesTable;
  claim_officers: ClaimOfficersTable;
  campaigns: CampaignsTable;
  campaign_facts: CampaignFactsTable;
  audit_events: AuditEventsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  four_ones: FourOnesTable;
  case_owners: CaseOwnersTable;
  liaison_units: LiaisonUnitsTable;
  reviews: ReviewsTable;
  documents: DocumentsTable;
  letters: LettersTable;
  anomalies: AnomaliesTable;
  quality_samples: QualitySamplesTable;
  quality_checks: QualityChecksTable;
  audit_anchors: AuditAnchorsTable;
  publicity_activities: PublicityActivitiesTable;
  notices: NoticesTable;
  tips: TipsTable;
  tip_messages: TipMessagesTable;
  reward_rule_sets: RewardRuleSetsTable;
  ledger_entries: LedgerEntriesTable;
  sanctions: SanctionsTable;
  inspections: InspectionsTable;
  supervision_notices: SupervisionNoticesTable;
  bulletins: BulletinsTable;
  persons: PersonsTable;
  person_matches: PersonMatchesTable;
  person_merge_listings: PersonMergeListingsTable;
  listing_withdrawals: ListingWithdrawalsTable;
  baseline_persons: BaselinePersonsTable;
  meetings: MeetingsTable;
  meeting_units: MeetingUnitsTable;
  guidance_visits: GuidanceVisitsTable;
  tasks: TasksTable;
  rectification_items: RectificationItemsTable;
  merit_decisions: MeritDecisionsTable;
  tip_rewards: TipRewardsTable;
  document_numbers: DocumentNumbersTable;
  fact_seals: FactSealsTable;
  return_submissions: ReturnSubmissionsTable;
  figures_version: FiguresVersionTable;
  notifications: NotificationsTable;
  job_runs: JobRunsTable;
  sign_in_accounts: SignInAccountsTable;
  sign_in_addresses: SignInAddressesTable;
  sign_in_trust: SignInTrustTable;
}

/** One row of the latest seal: the hash of a row of a table the figures read (see deep-check.ts). */
export interface FactSealsTable {
  seal_seq: number;
  table_name: string;
  row_key: string;
  row_hash: string;
  excuses: string;
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
  /** The photo shown on the public wanted list (a stored document), if any. */
  photo_sha256: Generated<string | null>;
  /** The person this listing is about; a person may carry several listings. */
  person_id: number | null;
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
  /** The unit of the officer who made the claim: its verifier must be of another unit. */
  claim_unit_id: number | null;
  /** Cancellations: why the warrant was withdrawn. */
  reason_code: string | null;
  reason_text: string | null;
  /** Cancellations: the second approver (a leader) before an inspector may verify. */
  approved_by: string | null;
  approved_at: string | null;
  /** A correction names the claim it replaces; nothing is deleted. */
  supersedes_id: number | null;
}

/**
 * The counts a campaign's figures are made of, kept by triggers (migration 2026-12-03-01): persons
 * by role (listing, capture, persuasion, baseline), unit, homicide, remote, exit kind ('' for none)
 * and the days of listing and exit folded onto the campaign's window (9999-12-31: none).
 */
export interface CampaignFactsTable {
  campaign_id: number;
  role: 'listing' | 'capture' | 'persuasion' | 'baseline';
  unit_id: number;
  homicide: number;
  remote: number;
  exit_kind: string;
  listed_on: string;
  exit_on: string;
  n: number;
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
  /** Comma-separated crime categories whose fugitives need the "four ones". */
  four_ones_categories: string;
  /** The integrity rules' thresholds and sample size as JSON; null means the defaults. */
  integrity_settings: string | null;
  /** JSON of the official documents' settings (authority, number prefix, issuer, recipients, copies to). */
  document_settings: string | null;
  /** Local time (HH:MM) by which units confirm the day's return. */
  return_cutoff: string;
  /** When the baseline snapshot was frozen; null until then (the figures are provisional). */
  frozen_at: string | null;
  /** Digest of the frozen snapshot, also written into the audit chain. */
  baseline_digest: string | null;
  /** Guidance visits: a liaison unit not visited for this many days is flagged. */
  visit_interval_days: Generated<number>;
  /** The reminders' thresholds as JSON; null means the defaults. */
  reminder_settings: Generated<string | null>;
}

/**
 * A person on the list: all of their listings taken together. The columns below are kept in step
 * with the listings and clearances by the persons area; the figures read them.
 */
export interface PersonsTable {
  /** The id of the listing that first made them a person (see the persons area). */
  id: number;
  /** The unit of the earliest local listing (ties: lowest listing number); null for a remote person. */
  home_unit_id: number | null;
  /** The date of that listing (of the earliest listing for a remote person). */
  listed_on: string | null;
  homicide: number;
  /** The earliest verified clearance on any of the person's listings. */
  exit_clearance_id: number | null;
  exit_on: string | null;
  exit_kind: string | null;
  exit_unit_id: number | null;
  exit_persuading_unit_id: number | null;
  created_at: string;
}

/** A suggested match of two persons (same name, sex and birth date, no ID number). */
export interface PersonMatchesTable {
  id: Generated<number>;
  person_id: number;
  other_person_id: number;
  /** suggested, confirmed or rejected. */
  status: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  /** The person a confirmed match absorbed (null before it is confirmed). */
  absorbed_person_id: number | null;
  /** Who split a confirmed match back into two persons, when, and why. */
  split_by: string | null;
  split_at: string | null;
  split_reason: string | null;
}

/** A listing that a merge moved from the absorbed person to the survivor (what a split moves back). */
export interface PersonMergeListingsTable {
  match_id: number;
  fugitive_id: number;
}

/** A request to withdraw (撤回) a listing entered by mistake, and a commander's decision on it. */
export interface ListingWithdrawalsTable {
  id: Generated<number>;
  fugitive_id: number;
  status: 'asked' | 'approved' | 'refused';
  reason: string;
  asked_by: string;
  asked_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
}
export type ListingWithdrawalRow = Selectable<ListingWithdrawalsTable>;

/** A person of a campaign's frozen baseline snapshot, in the unit the snapshot gave them. */
export interface BaselinePersonsTable {
  campaign_id: number;
  person_id: number;
  unit_id: number;
  homicide: number;
  /** A baseline correction (a listing proven entered in error) takes the person out. */
  corrected_at: string | null;
  corrected_by: string | null;
  correction_reason: string | null;
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

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  unit_id: number;
  /** Comma-separated roles. */
  roles: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  password_changed_at: string;
  /** 'person', or 'service' for a machine account that signs in only with bearer tokens. */
  kind: Generated<string>;
  /** Where the daily digest of reminders is mailed; none: no e-mail. */
  email: Generated<string | null>;
  /** 1: the user chose to get the daily digest by e-mail (needs `email`). */
  digest: Generated<number>;
}

/** A service account's bearer token: only its SHA-256 digest is kept. */
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  label: string;
  token_hash: string;
  /** 1: safe methods only. */
  read_only: number;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface FourOnesTable {
  fugitive_id: number;
  /** The dossier checklist: material name → present. */
  dossier_json: string;
  plan_text: string | null;
  plan_approved_by: string | null;
  plan_approved_at: string | null;
  /** The pursuit team: named members. */
  team_json: string;
  /** Bumped on every change: an update naming an older version is refused as stale. */
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface CaseOwnersTable {
  fugitive_id: number;
  user_id: number;
  assigned_by: string;
  assigned_at: string;
}

export interface LiaisonUnitsTable {
  user_id: number;
  unit_id: number;
}

export interface DocumentsTable {
  sha256: string;
  content: Buffer;
  media_type: string;
  size: number;
  created_at: string;
}

export interface LettersTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  target: number;
  /** The unit's baseline when the letter was signed, frozen. */
  baseline: number;
  /** The account that signed in the app; null for a letter imported from its paper original. */
  signer_id: number | null;
  /** The signer's name as on the letter. */
  signed_by: string;
  /** `entry` (signed in the app) or `import` (from the signed paper original). */
  provenance: string;
  signed_on: string;
  document_sha256: string | null;
  document_name: string | null;
  created_at: string;
}

export interface AnomaliesTable {
  id: Generated<number>;
  campaign_id: number;
  rule: string;
  /** Identifies the finding across scans (rule plus what it is about). */
  finding_key: string;
  unit_id: number | null;
  listing_no: string | null;
  reason: string;
  /** JSON object: the figures of the reason. */
  facts: string;
  /** JSON array of the claim ids (and for relisting, the new listing's fugitive id). */
  claim_ids: string;
  /** open, investigating, confirmed, dismissed */
  status: string;
  found_at: string;
  last_seen_at: string;
  handled_by: string | null;
  decision_note: string | null;
  decided_at: string | null;
}

export interface QualitySamplesTable {
  id: Generated<number>;
  campaign_id: number;
  /** Campaign week (0 is the launch week) whose verified clearances were sampled. */
  week: number;
  seed: string;
  candidates: number;
  drawn_at: string;
  drawn_by: string;
}

export interface QualityChecksTable {
  id: Generated<number>;
  sample_id: number;
  clearance_id: number;
  /** null until checked; then consistent or discrepancy. */
  result: string | null;
  note: string | null;
  checked_by: string | null;
  checked_at: string | null;
}

export interface AuditAnchorsTable {
  seq: number;
  head_hash: string;
  anchored_at: string;
  key_id: string;
  signature: string;
}

export type AnomalyRow = Selectable<AnomaliesTable>;
export type NewAnomaly = Insertable<AnomaliesTable>;
export type AuditAnchorRow = Selectable<AuditAnchorsTable>;
export interface PublicityActivitiesTable {
  id: Generated<number>;
  unit_id: number;
  kind: string;
  held_on: string;
  /** Where: the venue, channel, or streets the posters went up in. */
  place: string | null;
  /** How many: posters put up, broadcasts, posts. */
  quantity: number | null;
  description: string;
  created_by: string;
  created_at: string;
}

export interface RewardRuleSetsTable {
  id: Generated<number>;
  campaign_id: number;
  version: number;
  /** The validated rule set (see rewards/rules.ts). */
  rules_json: string;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  /** The clearance that earned it; null for a unit bonus (target reached early). */
  clearance_id: number | null;
  rule_set_version: number;
  rule_id: string;
  points: number;
  money: number;
  /** A reversal names the entry it undoes (with the opposite amounts); nothing is deleted. */
  reverses_id: number | null;
  reason: string;
  booked_on: string;
  created_at: string;
}

export interface SanctionsTable {
  id: Generated<number>;
  campaign_id: number;
  /** `deadline` or `year_end`. */
  checkpoint: string;
  unit_id: number;
  measure: string;
  /** Why the unit got it: `lagging` or `zero_result`. */
  grounds: string;
  /** Points deducted in the year-end assessment (0 for measures that deduct nothing). */
  deduction: number;
  /** A carried-over task: persons of the target still to clear, added to next year's campaign. */
  carried_over: number | null;
  /** Who answers for it (the unit's leader, when it has one). */
  owner: string | null;
  due_on: string;
  /** `open`, `done` or `waived`. */
  status: string;
  /** What was done: the meeting's minutes, the talk's record, the self-examination's reference. */
  record: string | null;
  /** A scan attached to the record (minutes, talk record, the self-examination itself). */
  document_sha256: string | null;
  document_name: string | null;
  waive_reason: string | null;
  updated_by: string;
  updated_at: string;
  created_at: string;
}

export interface InspectionsTable {
  id: Generated<number>;
  unit_id: number;
  inspected_on: string;
  inspector: string;
  findings: string;
  follow_up: string | null;
  created_at: string;
}

export interface NoticesTable {
  id: Generated<number>;
  version: number;
  title_zh: string;
  body_zh: string;
  title_en: string;
  body_en: string;
  /** pending → published (approved) or rejected; a newer publication supersedes the old one. */
  status: string;
  drafted_by: string;
  drafted_at: string;
  decided_by: string | null;
  decided_at: string | null;
  published_at: string | null;
}

export interface TipsTable {
  id: Generated<number>;
  /** SHA-256 of the tipster's 16-digit receipt code; the code itself is never stored. */
  receipt_hash: string;
  fugitive_id: number | null;
  /** The owning unit of the named fugitive, else the command centre. */
  assigned_unit_id: number;
  seen_text: string;
  seen_where: string | null;
  seen_when: string | null;
  language: string;
  /** Name, phone and email, AES-256-GCM encrypted with the key from the environment. */
  contact_sealed: string | null;
  status: string;
  triage: string | null;
  outcome: string | null;
  reward_claimed_at: string | null;
  received_at: string;
  updated_at: string;
  /** How the tip arrived: `web` (the public form), `telephone`, `letter` or `in_person`. */
  channel: Generated<string>;
  /** The officer who entered a tip received by telephone, letter or in person. */
  entered_by: Generated<string | null>;
}

export interface TipMessagesTable {
  id: Generated<number>;
  tip_id: number;
  /** 'officer' or 'tipster'. */
  author: string;
  officer: string | null;
  body: string;
  created_at: string;
}

/** Praise and criticism notices (通报表扬/批评) issued by a commander. */
export interface SupervisionNoticesTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  /** `praise` or `criticism`. */
  kind: string;
  text: string;
  issued_on: string;
  issued_by: string;
  created_at: string;
}

export interface BulletinsTable {
  id: Generated<number>;
  campaign_id: number;
  /** 期号: the bulletin's number within its campaign. */
  number: number;
  as_of: string;
  /** The bulletin's data, frozen when it was issued: every download renders the same figures. */
  data_json: string;
  data_sha256: string;
  /** The audit chain head printed on it. */
  chain_head: string;
  issued_by: string;
  issued_at: string;
  /** A correction: the bulletin of the same date it corrects (replaces). */
  corrects_id: number | null;
}

/** A meeting (动员会, 点评会, the weekly command meeting) and its minutes. */
export interface MeetingsTable {
  id: Generated<number>;
  campaign_id: number;
  /** `mobilization`, `review` or `weekly_command`. */
  kind: string;
  held_on: string;
  title: string;
  chair: string;
  /** The unit that held it. */
  unit_id: number;
  minutes: string;
  document_sha256: string | null;
  document_name: string | null;
  created_by: string;
  created_at: string;
}

export interface MeetingUnitsTable {
  meeting_id: number;
  unit_id: number;
}

/** A leader's guidance visit (指导) to a liaison unit. */
export interface GuidanceVisitsTable {
  id: Generated<number>;
  campaign_id: number;
  leader_id: number;
  unit_id: number;
  visited_on: string;
  findings: string;
  created_by: string;
  created_at: string;
}

/** A decision of a meeting or a visit: owner, unit, due date, status. */
export interface TasksTable {
  id: Generated<number>;
  /** `meeting` or `visit`. */
  source: string;
  meeting_id: number | null;
  visit_id: number | null;
  title: string;
  /** The owner's username. */
  owner: string;
  unit_id: number;
  due_on: string;
  /** `open`, `done` or `cancelled`. */
  status: string;
  note: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** One problem an inspection found (整改): the owner unit's report, the inspector's decision. */
export interface RectificationItemsTable {
  id: Generated<number>;
  inspection_id: number;
  unit_id: number;
  problem: string;
  deadline_on: string;
  /** `open`, `reported`, `accepted` or `returned`. */
  status: string;
  report: string | null;
  reported_by: string | null;
  reported_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  return_reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A commander's decision on a proposed 嘉奖 or 记功 for an officer. */
/** An officer a claim names: the capturing (or receiving) officers, the officer who persuaded. */
export interface ClaimOfficersTable {
  clearance_id: number;
  /** `capture` or `persuasion`. */
  role: string;
  /** Order within the role, from 0. */
  position: number;
  /** The officer's account; null for an officer without one. */
  user_id: number | null;
  /** The name as given: an account's display name at the time, or the typed name. */
  name: string;
}

export interface MeritDecisionsTable {
  id: Generated<number>;
  campaign_id: number;
  /** The officer's name (an account's display name when decided). */
  officer: string;
  /** The officer's account; null for an officer without one (named within `unit_id`). */
  user_id: Generated<number | null>;
  /** The officer's unit: the account's, or the unit the name was credited in. */
  unit_id: number;
  /** `commendation` (嘉奖) or `merit` (记功). */
  award: string;
  /** The officer's points when decided. */
  points: number;
  /** `approved` or `declined`. */
  decision: string;
  reason: string | null;
  decided_by: string;
  decided_at: string;
}

/** A tip marked for a reward, and the payout to the tipster once made. */
export interface TipRewardsTable {
  tip_id: number;
  /** Yuan. */
  amount: number;
  marked_by: string;
  marked_at: string;
  paid_on: string | null;
  paid_by: string | null;
  receipt_ref: string | null;
  recorded_by: string | null;
  recorded_at: string | null;
}

export type UnitRow = Selectable<UnitsTable>;
export type FugitiveRow = Selectable<FugitivesTable>;
export type NewFugitive = Insertable<FugitivesTable>;
export type ClearanceRow = Selectable<ClearancesTable>;
export type NewClearance = Insertable<ClearancesTable>;
export type CampaignRow = Selectable<CampaignsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type UserRow = Selectable<UsersTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

/** A review item (点评): a lagging or zero-result unit's reasons and catch-up plan, during the campaign. */
export interface ReviewsTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  /** The Monday of the round's week: one review per unit and week. */
  week_of: string;
  /** The date of the figures the review was raised on. */
  as_of: string;
  /** `lagging` or `zero_result`. */
  grounds: string;
  decline_rate: number | null;
  /** The unit's own target on that date. */
  target: number;
  /** The leader who answers for it (liaison leader, else the nearest leader above). */
  owner: string | null;
  due_on: string;
  /** `open` or `closed`. */
  status: string;
  /** The reasons found with the unit. */
  reasons: string | null;
  catch_up_plan: string | null;
  closed_by: string | null;
  closed_at: string | null;
  created_by: string;
  created_at: string;
}

/** A document number (发文字号) taken: unique per campaign, year and sequence, never reused. */
export interface DocumentNumbersTable {
  id: Generated<number>;
  campaign_id: number;
  year: number;
  seq: number;
  kind: string;
  issued_by: string;
  issued_at: string;
}

/** A unit's confirmed daily or weekly return (日报/周报). */
export interface ReturnSubmissionsTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  period: string;
  return_on: string;
  submitted_by: string;
  submitted_at: string;
}

/**
 * One row: a counter that every write to what the figures are computed from moves, in the same
 * transaction (database triggers), so that computed figures can be kept until it moves.
 */
export interface FiguresVersionTable {
  id: number;
  version: number;
  /** The four ones' compliance's data version (see the compliance-version migration). */
  compliance: number;
  /** The registry's data version: listings and withdrawals (see the registry-version migration). */
  registry: number;
}

/** A reminder of a situation shown to a user (see the reminders area). */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  /** The situation, e.g. `claim_to_verify:42`: one notification per user and situation. */
  key: string;
  kind: string;
  /** JSON: what the message names. */
  params_json: string;
  first_seen_at: string;
  read_at: string | null;
  /** When the situation ended; null while it stands. */
  resolved_at: string | null;
}

/** A daily job's run: the first process to insert (job, day) runs it, every other skips it. */
export interface JobRunsTable {
  job: string;
  day: string;
  runner: string;
  started_at: string;
  /** When the runner last renewed its run while the job ran (its heartbeat); null: not yet. */
  renewed_at: string | null;
  finished_at: string | null;
  /** JSON: what the job did, or its error. */
  outcome: string | null;
}

/** An account's failed sign-ins (see sign-in-limiter.ts); times in milliseconds since the epoch. */
export interface SignInAccountsTable {
  /** Lower-cased, trimmed. */
  username: string;
  failures: number;
  last_failure: number;
}

/** An address's failed sign-ins over all accounts in its current window. */
export interface SignInAddressesTable {
  address: string;
  failures: number;
  window_start: number;
}

/** When an account last signed in successfully from an address. */
export interface SignInTrustTable {
  username: string;
  address: string;
  trusted_at: number;
}
