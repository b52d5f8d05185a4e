// Rewards (measure 5): a campaign's reward rule set turns verified clearances into ledger entries
// for units. The ledger is derived: from the verified clearances and the active rule-set version,
// `ledgerChanges` says which entries to add and which standing ones to reverse. Nothing is deleted.
import { z } from 'zod';
import type { IsoDate } from '../../shared/dates.ts';
import { CRIME_CATEGORIES } from '../registry/rules.ts';

const amount = z.number().min(-100_000).max(100_000);

/** One reward rule: who earns what for which captures. `any` matches everything. */
export const rewardRule = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'must be lower-case letters, digits and dashes' }),
  /** Which captures: arrests, surrenders, or both. */
  kind: z.enum(['arrest', 'surrender', 'any']).default('any'),
  category: z.enum([...CRIME_CATEGORIES, 'any']).default('any'),
  /** Local: a fugitive of our own units; remote: one listed by an outside agency, caught here. */
  origin: z.enum(['local', 'remote', 'any']).default('any'),
  /** The unit that captured (or received the surrender), or the unit that persuaded a surrender (劝投). */
  beneficiary: z.enum(['capturing', 'persuading']).default('capturing'),
  points: amount,
  money: amount.default(0),
});
export type RewardRule = z.output<typeof rewardRule>;

const bonus = z.object({ points: amount, money: amount.default(0) });

/** A campaign's reward rule set, as a commander writes it (a JSON file or the web form). */
export const rewardRuleSet = z
  .object({
    rules: z.array(rewardRule).min(1).max(200),
    /** Added for each captured fugitive of these categories (default homicide), to the capturing unit. */
    seriousBonus: bonus.extend({ categories: z.array(z.enum(CRIME_CATEGORIES)).default(['homicide']) }),
    /** Once per unit whose decline rate reaches its target by the deadline. */
    earlyFinishBonus: bonus,
    /** Points deducted in the year-end assessment per sanction, by its grounds. */
    deductions: z
      .object({ lagging: z.number().min(0).max(1000), zeroResult: z.number().min(0).max(1000) })
      .default({ lagging: 5, zeroResult: 10 }),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `${r.id} appears twice` });
      seen.add(r.id);
    });
  });
export type RewardRuleSet = z.output<typeof rewardRuleSet>;
export type RewardRuleSetInput = z.input<typeof rewardRuleSet>;

/** The rule set a campaign gets when nobody has written one (the demo uses it too). */
export const DEFAULT_RULE_SET: RewardRuleSetInput = {
  rules: [
    { id: 'arrest-local', kind: 'arrest', origin: 'local', points: 10, money: 500 },
    { id: 'arrest-remote', kind: 'arrest', origin: 'remote', points: 12, money: 600 },
    { id: 'surrender-local', kind: 'surrender', origin: 'local', points: 8, money: 300 },
    { id: 'surrender-remote', kind: 'surrender', origin: 'remote', points: 10, money: 400 },
    { id: 'persuasion', kind: 'surrender', beneficiary: 'persuading', points: 4, money: 200 },
  ],
  seriousBonus: { points: 20, money: 2000, categories: ['homicide'] },
  earlyFinishBonus: { points: 30, money: 5000 },
  deductions: { lagging: 5, zeroResult: 10 },
};

/** What the ledger needs to know of one verified capture. */
export interface CaptureFact {
  clearanceId: number;
  kind: 'arrest' | 'surrender';
  category: string;
  remote: boolean;
  occurredOn: IsoDate;
  capturingUnitId: number | null;
  persuadingUnitId: number | null;
}

/** An entry the rules say should stand. */
export interface DueEntry {
  unitId: number;
  clearanceId: number | null;
  ruleId: string;
  points: number;
  money: number;
  reason: string;
}

/** An entry already in the ledger that has not been reversed. */
export interface StandingEntry extends DueEntry {
  id: number;
  version: number;
}

function specificity(r: RewardRule): number {
  return (r.kind === 'any' ? 0 : 1) + (r.category === 'any' ? 0 : 1) + (r.origin === 'any' ? 0 : 1);
}

function matches(r: RewardRule, c: CaptureFact): boolean {
  return (
    (r.kind === 'any' || r.kind === c.kind) &&
    (r.category === 'any' || r.category === c.category) &&
    (r.origin === 'any' || r.origin === (c.remote ? 'remote' : 'local'))
  );
}

/**
 * The rule that applies to a capture for a beneficiary: the most specific matching one (most fields
 * other than `any`), the first written on a tie; undefined when none matches.
 */
export function ruleFor(
  set: RewardRuleSet,
  capture: CaptureFact,
  beneficiary: RewardRule['beneficiary'],
): RewardRule | undefined {
  let best: RewardRule | undefined;
  for (const r of set.rules) {
    if (r.beneficiary !== beneficiary || !matches(r, capture)) continue;
    if (!best || specificity(r) > specificity(best)) best = r;
  }
  return best;
}

export const SERIOUS_BONUS_RULE = 'serious-bonus';
export const EARLY_FINISH_RULE = 'early-finish';

/** The entries one verified capture earns: capturing unit, persuading unit, serious-case bonus. */
export function entriesForCapture(set: RewardRuleSet, c: CaptureFact): DueEntry[] {
  const out: DueEntry[] = [];
  const origin = c.remote ? 'remote' : 'local';
  if (c.capturingUnitId !== null) {
    const rule = ruleFor(set, c, 'capturing');
    if (rule)
      out.push({
        unitId: c.capturingUnitId,
        clearanceId: c.clearanceId,
        ruleId: rule.id,
        points: rule.points,
        money: rule.money,
        reason: `${c.kind} (${c.category}, ${origin})`,
      });
    if (set.seriousBonus.categories.includes(c.category as never))
      out.push({
        unitId: c.capturingUnitId,
        clearanceId: c.clearanceId,
        ruleId: SERIOUS_BONUS_RULE,
        points: set.seriousBonus.points,
        money: set.seriousBonus.money,
        reason: `${c.category} fugitive captured`,
      });
  }
  if (c.kind === 'surrender' && c.persuadingUnitId !== null) {
    const rule = ruleFor(set, c, 'persuading');
    if (rule)
      out.push({
        unitId: c.persuadingUnitId,
        clearanceId: c.clearanceId,
        ruleId: rule.id,
        points: rule.points,
        money: rule.money,
        reason: `surrender persuaded (${c.category}, ${origin})`,
      });
  }
  return out;
}

/** The bonus of every unit whose decline rate reached its target by the deadline. */
export function earlyFinishEntries(set: RewardRuleSet, unitIdsAtTarget: Iterable<number>): DueEntry[] {
  return [...unitIdsAtTarget].map((unitId) => ({
    unitId,
    clearanceId: null,
    ruleId: EARLY_FINISH_RULE,
    points: set.earlyFinishBonus.points,
    money: set.earlyFinishBonus.money,
    reason: 'target reached by the deadline',
  }));
}

/** Whether a decline rate meets the target (exactly on it counts). */
export function reachedTarget(declineRate: number | null, target: number): boolean {
  return declineRate !== null && declineRate >= target - 1e-12;
}

const keyOf = (e: DueEntry) => `${e.unitId}|${e.clearanceId ?? '-'}|${e.ruleId}|${e.points}|${e.money}`;

export interface LedgerChanges {
  /** Standing entries to reverse: their clearance no longer earns them, or the rules changed. */
  reverse: StandingEntry[];
  /** Entries to add under the active version. */
  add: DueEntry[];
}

/**
 * Brings standing entries in line with what is due under the active rule-set version. An entry
 * stands on only while its clearance, rule and amounts are still due *and* it was booked under the
 * active version: a new version reverses every older entry and books the due ones anew, so each
 * entry names the version whose rules produced it.
 */
export function ledgerChanges(
  due: readonly DueEntry[],
  standing: readonly StandingEntry[],
  version: number,
): LedgerChanges {
  const wanted = new Map<string, number>();
  for (const e of due) wanted.set(keyOf(e), (wanted.get(keyOf(e)) ?? 0) + 1);
  const reverse: StandingEntry[] = [];
  for (const e of standing) {
    const key = keyOf(e);
    const left = wanted.get(key) ?? 0;
    if (e.version === version && left > 0) wanted.set(key, left - 1);
    else reverse.push(e);
  }
  const add: DueEntry[] = [];
  for (const e of due) {
    const key = keyOf(e);
    const left = wanted.get(key) ?? 0;
    if (left > 0) {
      add.push(e);
      wanted.set(key, left - 1);
    }
  }
  return { reverse, add };
}

/** A unit's balance: the sum of its entries (reversals carry opposite amounts). */
export function balance(entries: Iterable<{ points: number; money: number }>): {
  points: number;
  money: number;
} {
  let points = 0;
  let money = 0;
  for (const e of entries) {
    points += e.points;
    money += e.money;
  }
  return { points, money };
}
