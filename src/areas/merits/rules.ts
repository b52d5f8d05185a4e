// Officers' merits (measure 5: 激发民警士气): each verified result credits the officers the claim
// names — the capturing officers, the officer who persuaded a surrender, the pursuit team of a
// four-ones case — and the tally proposes 嘉奖 (commendation) or 记功 (merit citation), which a
// commander decides.

export const CREDIT_ROLES = ['capture', 'persuasion', 'pursuit'] as const;
export type CreditRole = (typeof CREDIT_ROLES)[number];

/** Points of one credit; a homicide fugitive's result counts double (the seed's third measure). */
export const CREDIT_POINTS: Record<CreditRole, number> = { capture: 3, persuasion: 2, pursuit: 1 };
export const HOMICIDE_FACTOR = 2;

/** Higher awards first: an officer is proposed the highest award their points reach. */
export const AWARDS = ['merit', 'commendation'] as const;
export type Award = (typeof AWARDS)[number];
export const AWARD_THRESHOLDS: Record<Award, number> = { merit: 12, commendation: 6 };

export const MERIT_DECISIONS = ['approved', 'declined'] as const;
export type MeritDecision = (typeof MERIT_DECISIONS)[number];

/**
 * An officer a claim names: their account (with the account's unit) where they have one, else the
 * name given. Two accounts are two officers whatever their names; a name without an account is one
 * officer within the unit it is credited in.
 */
export interface NamedOfficer {
  userId: number | null;
  /** The account's unit; null for an officer without an account. */
  accountUnitId: number | null;
  name: string;
}

/** A verified capture or surrender with the officers its claim and case name. */
export interface CreditedResult {
  clearanceId: number;
  homicide: boolean;
  capturingUnitId: number | null;
  capturingOfficers: readonly NamedOfficer[];
  persuadingUnitId: number | null;
  persuadingOfficer: NamedOfficer | null;
  /** The case's pursuit team and its unit (the unit that listed the person). */
  team: readonly NamedOfficer[];
  teamUnitId: number | null;
}

export interface Credit {
  officer: string;
  /** The officer's account, or null (an officer known by name within `unitId`). */
  userId: number | null;
  /** The officer's unit: the account's, else the unit credited. */
  unitId: number;
  role: CreditRole;
  clearanceId: number;
  points: number;
}

/** Who an officer is in the tally: the account, else the name within a unit. */
export function officerKey(o: { userId: number | null; unitId: number; officer: string }): string {
  return o.userId !== null ? `user:${o.userId}` : `name:${o.unitId}\u0000${o.officer}`;
}

/**
 * The credits of one result: each named officer once, in the role worth most to them (a capturing
 * officer who was also on the team is credited for the capture). Officers without a unit of ours
 * (an outside agency's) are not credited here.
 */
export function creditsOf(r: CreditedResult): Credit[] {
  const best = new Map<string, Credit>();
  const add = (officers: readonly NamedOfficer[], unitId: number | null, role: CreditRole) => {
    if (unitId === null) return;
    const points = CREDIT_POINTS[role] * (r.homicide ? HOMICIDE_FACTOR : 1);
    for (const o of officers) {
      const name = o.name.trim();
      if (!name && o.userId === null) continue;
      const credit: Credit = {
        officer: name,
        userId: o.userId,
        unitId: o.userId !== null ? (o.accountUnitId ?? unitId) : unitId,
        role,
        clearanceId: r.clearanceId,
        points,
      };
      const key = officerKey(credit);
      if ((best.get(key)?.points ?? -1) < points) best.set(key, credit);
    }
  };
  add(r.capturingOfficers, r.capturingUnitId, 'capture');
  add(
    r.persuadingOfficer ? [r.persuadingOfficer] : [],
    r.persuadingUnitId ?? r.capturingUnitId,
    'persuasion',
  );
  add(r.team, r.teamUnitId, 'pursuit');
  return [...best.values()];
}

export interface OfficerTally {
  officer: string;
  userId: number | null;
  unitId: number;
  captures: number;
  persuasions: number;
  pursuits: number;
  results: number;
  points: number;
}

/** Per officer (an account, or a name within a unit): credits by role, results, points; most points first. */
export function tallyCredits(credits: readonly Credit[]): OfficerTally[] {
  const byOfficer = new Map<string, OfficerTally & { ids: Set<number> }>();
  for (const c of credits) {
    const key = officerKey(c);
    const t = byOfficer.get(key) ?? {
      officer: c.officer,
      userId: c.userId,
      unitId: c.unitId,
      captures: 0,
      persuasions: 0,
      pursuits: 0,
      results: 0,
      points: 0,
      ids: new Set<number>(),
    };
    if (c.role === 'capture') t.captures += 1;
    if (c.role === 'persuasion') t.persuasions += 1;
    if (c.role === 'pursuit') t.pursuits += 1;
    t.points += c.points;
    t.ids.add(c.clearanceId);
    t.results = t.ids.size;
    byOfficer.set(key, t);
  }
  return [...byOfficer.values()]
    .map(({ ids: _ids, ...t }) => t)
    .sort(
      (a, b) =>
        b.points - a.points ||
        a.unitId - b.unitId ||
        (a.officer < b.officer ? -1 : a.officer > b.officer ? 1 : 0) ||
        (a.userId ?? 0) - (b.userId ?? 0),
    );
}

/**
 * The award to propose for an officer now, or null: the highest award their points reach that no
 * decision has settled yet (an approved higher award settles the lower one; a declined award is
 * not proposed again).
 */
export function proposedAward(
  points: number,
  decided: readonly { award: Award; decision: MeritDecision }[],
): Award | null {
  for (const award of AWARDS) {
    if (points < AWARD_THRESHOLDS[award]) continue;
    if (decided.some((d) => d.award === award)) return null;
    const higherApproved = AWARDS.slice(0, AWARDS.indexOf(award)).some((a) =>
      decided.some((d) => d.award === a && d.decision === 'approved'),
    );
    return higherApproved ? null : award;
  }
  return null;
}
