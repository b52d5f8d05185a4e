import { describe, expect, it } from 'vitest';
import {
  type CaptureFact,
  type DueEntry,
  type RewardRuleSet,
  type StandingEntry,
  DEFAULT_RULE_SET,
  balance,
  earlyFinishEntries,
  entriesForCapture,
  ledgerChanges,
  reachedTarget,
  rewardRuleSet,
  ruleFor,
} from './rules.ts';

const rules = rewardRuleSet.parse(DEFAULT_RULE_SET);

const STATION_A = 11;
const STATION_B = 12;
const capture = (over: Partial<CaptureFact>): CaptureFact => ({
  clearanceId: 1,
  kind: 'arrest',
  category: 'theft',
  remote: false,
  occurredOn: '2011-11-01',
  capturingUnitId: STATION_A,
  persuadingUnitId: null,
  ...over,
});

/** A ledger kept in memory the way the service keeps it in the database. */
class Ledger {
  entries: (StandingEntry & { reverses: number | null })[] = [];
  private next = 1;
  sync(due: DueEntry[], version: number) {
    const reversed = new Set(this.entries.map((e) => e.reverses).filter((id) => id !== null));
    const standing = this.entries.filter((e) => e.reverses === null && !reversed.has(e.id));
    const changes = ledgerChanges(due, standing, version);
    for (const e of changes.reverse)
      this.entries.push({
        ...e,
        id: this.next++,
        points: -e.points,
        money: -e.money,
        version,
        reverses: e.id,
      });
    for (const e of changes.add) this.entries.push({ ...e, id: this.next++, version, reverses: null });
    return changes;
  }
  of(unitId: number) {
    return balance(this.entries.filter((e) => e.unitId === unitId));
  }
}

describe('ruleFor', () => {
  it('takes the most specific matching rule, the first on a tie', () => {
    const set: RewardRuleSet = rewardRuleSet.parse({
      rules: [
        { id: 'any-capture', points: 1 },
        { id: 'homicide-arrest', kind: 'arrest', category: 'homicide', points: 5 },
        { id: 'arrest', kind: 'arrest', points: 2 },
        { id: 'remote', origin: 'remote', points: 3 },
      ],
      seriousBonus: { points: 0 },
      earlyFinishBonus: { points: 0 },
    });
    expect(ruleFor(set, capture({}), 'capturing')?.id).toBe('arrest');
    expect(ruleFor(set, capture({ category: 'homicide' }), 'capturing')?.id).toBe('homicide-arrest');
    expect(ruleFor(set, capture({ kind: 'surrender' }), 'capturing')?.id).toBe('any-capture');
    expect(ruleFor(set, capture({ remote: true }), 'capturing')?.id).toBe('arrest'); // tie: first written
    expect(ruleFor(set, capture({}), 'persuading')).toBeUndefined();
  });

  it('refuses a rule set that names one rule twice or an unknown category', () => {
    expect(
      rewardRuleSet.safeParse({
        rules: [
          { id: 'a', points: 1 },
          { id: 'a', points: 2 },
        ],
        seriousBonus: { points: 0 },
        earlyFinishBonus: { points: 0 },
      }).success,
    ).toBe(false);
    expect(
      rewardRuleSet.safeParse({
        rules: [{ id: 'a', category: 'piracy', points: 1 }],
        seriousBonus: { points: 0 },
        earlyFinishBonus: { points: 0 },
      }).success,
    ).toBe(false);
  });
});

describe('entriesForCapture', () => {
  it('pays the capturing unit by kind and origin, plus the homicide bonus', () => {
    expect(entriesForCapture(rules, capture({}))).toEqual([
      expect.objectContaining({ unitId: STATION_A, ruleId: 'arrest-local', points: 10, money: 500 }),
    ]);
    expect(entriesForCapture(rules, capture({ remote: true, category: 'homicide' }))).toEqual([
      expect.objectContaining({ unitId: STATION_A, ruleId: 'arrest-remote', points: 12 }),
      expect.objectContaining({ unitId: STATION_A, ruleId: 'serious-bonus', points: 20, money: 2000 }),
    ]);
  });

  it('pays a persuading unit for a surrender, and nobody for a capture by an outside agency', () => {
    const surrender = capture({ kind: 'surrender', persuadingUnitId: STATION_B });
    expect(entriesForCapture(rules, surrender).map((e) => [e.unitId, e.ruleId, e.points])).toEqual([
      [STATION_A, 'surrender-local', 8],
      [STATION_B, 'persuasion', 4],
    ]);
    expect(entriesForCapture(rules, capture({ capturingUnitId: null }))).toEqual([]);
  });
});

describe('the ledger on a hand-made campaign', () => {
  // Station A: two local arrests (one a homicide) and a remote surrender persuaded by station B.
  const arrest1 = capture({ clearanceId: 1 });
  const homicide = capture({ clearanceId: 2, category: 'homicide' });
  const surrender = capture({ clearanceId: 3, kind: 'surrender', remote: true, persuadingUnitId: STATION_B });
  const due = (set: RewardRuleSet, captures: CaptureFact[], atTarget: number[] = []) => [
    ...captures.flatMap((c) => entriesForCapture(set, c)),
    ...earlyFinishEntries(set, atTarget),
  ];

  it('books each verified capture once, however often it is brought up to date', () => {
    const ledger = new Ledger();
    ledger.sync(due(rules, [arrest1, homicide, surrender]), 1);
    // 10 + (10 + 20) + 10 for station A; 4 for persuading station B.
    expect(ledger.of(STATION_A)).toEqual({ points: 50, money: 500 + 500 + 2000 + 400 });
    expect(ledger.of(STATION_B)).toEqual({ points: 4, money: 200 });
    expect(ledger.sync(due(rules, [arrest1, homicide, surrender]), 1)).toEqual({ reverse: [], add: [] });
    expect(ledger.entries).toHaveLength(5);
  });

  it('reverses the entries of a clearance that is rejected or superseded, and books its correction', () => {
    const ledger = new Ledger();
    ledger.sync(due(rules, [arrest1, homicide, surrender]), 1);
    // The homicide arrest is rejected (a fabrication, say): both its entries are reversed.
    const changes = ledger.sync(due(rules, [arrest1, surrender]), 1);
    expect(changes.reverse.map((e) => [e.clearanceId, e.ruleId])).toEqual([
      [2, 'arrest-local'],
      [2, 'serious-bonus'],
    ]);
    expect(changes.add).toEqual([]);
    expect(ledger.of(STATION_A)).toEqual({ points: 20, money: 900 });
    // The surrender is corrected (new claim 4, now without the persuading unit) and verified.
    const corrected = { ...surrender, clearanceId: 4, persuadingUnitId: null };
    ledger.sync(due(rules, [arrest1, corrected]), 1);
    expect(ledger.of(STATION_A)).toEqual({ points: 20, money: 900 });
    expect(ledger.of(STATION_B)).toEqual({ points: 0, money: 0 });
    const reversals = ledger.entries.filter((e) => e.reverses !== null);
    expect(reversals).toHaveLength(4); // two homicide entries, then surrender's two
    expect(ledger.entries.filter((e) => e.clearanceId === 4).map((e) => e.ruleId)).toEqual([
      'surrender-remote',
    ]);
  });

  it('recomputes under a new rule-set version: old entries reversed, new ones booked', () => {
    const ledger = new Ledger();
    ledger.sync(due(rules, [arrest1, homicide]), 1);
    const v2 = rewardRuleSet.parse({
      ...DEFAULT_RULE_SET,
      rules: [{ id: 'arrest-local', kind: 'arrest', origin: 'local', points: 15, money: 0 }],
      seriousBonus: { points: 50, categories: ['homicide', 'rape'] },
    });
    const changes = ledger.sync(due(v2, [arrest1, homicide]), 2);
    expect(changes.reverse).toHaveLength(3);
    expect(changes.add.map((e) => [e.clearanceId, e.ruleId, e.points])).toEqual([
      [1, 'arrest-local', 15],
      [2, 'arrest-local', 15],
      [2, 'serious-bonus', 50],
    ]);
    expect(ledger.of(STATION_A)).toEqual({ points: 80, money: 0 });
    // Every entry standing now names version 2.
    const reversed = new Set(ledger.entries.map((e) => e.reverses));
    const standing = ledger.entries.filter((e) => e.reverses === null && !reversed.has(e.id));
    expect(standing.every((e) => e.version === 2)).toBe(true);
  });

  it('books the early-finish bonus once, and takes it back when the unit falls below target', () => {
    const ledger = new Ledger();
    ledger.sync(due(rules, [arrest1], [STATION_A]), 1);
    ledger.sync(due(rules, [arrest1], [STATION_A]), 1);
    expect(ledger.of(STATION_A)).toEqual({ points: 40, money: 5500 });
    ledger.sync(due(rules, [], []), 1);
    expect(ledger.of(STATION_A)).toEqual({ points: 0, money: 0 });
  });

  it('counts exactly reaching the target as reaching it', () => {
    expect(reachedTarget(0.5, 0.5)).toBe(true);
    expect(reachedTarget(0.1 + 0.2 + 0.2, 0.5)).toBe(true);
    expect(reachedTarget(0.49, 0.5)).toBe(false);
    expect(reachedTarget(null, 0.5)).toBe(false);
  });
});
