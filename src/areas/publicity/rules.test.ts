import { describe, expect, it } from 'vitest';
import {
  formatReceipt,
  ledToClearance,
  maskIdNumber,
  mayReadContact,
  normaliseReceipt,
  publicTipState,
  rewardClaimProblem,
  tipAssignment,
  weekOf,
  weeklySeries,
} from './rules.ts';
import { newReceiptCode, receiptHash, seal, unseal, useTipKey } from './sealing.ts';

describe('masking ID numbers for the public', () => {
  it('keeps the first 6 and the last 4 characters only', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('440524188001010014')).toBe('440524********0014');
  });
  it('hides short or odd numbers entirely, and shows nothing for none', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber('')).toBeNull();
  });
});

describe('receipt codes', () => {
  it('are 16 random digits, accepted with spaces or dashes, shown in groups of four', () => {
    const codes = new Set(Array.from({ length: 200 }, newReceiptCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^\d{16}$/);
    expect(normaliseReceipt('1234 5678-9012 3456')).toBe('1234567890123456');
    expect(normaliseReceipt('123456789012345')).toBeNull();
    expect(normaliseReceipt('123456789012345a')).toBeNull();
    expect(formatReceipt('1234567890123456')).toBe('1234 5678 9012 3456');
  });
  it('are stored as a keyed hash that changes with the key', () => {
    useTipKey('01'.repeat(32));
    const a = receiptHash('1234567890123456');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain('1234567890123456');
    useTipKey('02'.repeat(32));
    expect(receiptHash('1234567890123456')).not.toBe(a);
  });
});

describe('sealing contact details', () => {
  it('round-trips, never repeats a ciphertext, and refuses a tampered or foreign one', () => {
    useTipKey('03'.repeat(32));
    const a = seal('{"phone":"13812345678"}');
    const b = seal('{"phone":"13812345678"}');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(unseal(a)).toBe('{"phone":"13812345678"}');
    const raw = Buffer.from(a.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => unseal(`v1.${raw.toString('base64')}`)).toThrow();
    useTipKey('04'.repeat(32));
    expect(() => unseal(a)).toThrow();
  });
});

describe('routing and reading tips', () => {
  it('goes to the listing unit, else (nobody named, or listed elsewhere) to the command centre', () => {
    expect(tipAssignment(42, 1)).toBe(42);
    expect(tipAssignment(null, 1)).toBe(1);
    expect(tipAssignment(undefined, 1)).toBe(1);
  });
  it('shows contact details to the assigned unit only', () => {
    expect(mayReadContact(42, 42)).toBe(true);
    expect(mayReadContact(41, 42)).toBe(false);
  });
  it('tells the tipster received, in progress, a question waiting, or closed', () => {
    expect(publicTipState('new', null)).toBe('received');
    expect(publicTipState('triaged', null)).toBe('in_progress');
    expect(publicTipState('triaged', 'officer')).toBe('question');
    expect(publicTipState('triaged', 'tipster')).toBe('in_progress');
    expect(publicTipState('closed', 'officer')).toBe('closed');
  });
});

describe('results and rewards', () => {
  const ok = {
    outcome: 'led_to_clearance',
    cleared: true,
    reward: 5000,
    claimedAt: null,
    otherClaimed: false,
  };
  it('counts a tip only when it led to a clearance that is verified', () => {
    expect(ledToClearance('led_to_clearance', true)).toBe(true);
    expect(ledToClearance('led_to_clearance', false)).toBe(false);
    expect(ledToClearance('no_result', true)).toBe(false);
  });
  it('pays one reward per result, only once it is verified', () => {
    expect(rewardClaimProblem(ok)).toBeNull();
    expect(rewardClaimProblem({ ...ok, reward: null })?.message).toMatch(/no reward/);
    expect(rewardClaimProblem({ ...ok, cleared: false })?.message).toMatch(/not \(yet\)/);
    expect(rewardClaimProblem({ ...ok, claimedAt: '2026-11-28T00:00:00Z' })?.message).toMatch(/already/);
    expect(rewardClaimProblem({ ...ok, otherClaimed: true })?.message).toMatch(/already been claimed/);
  });
});

describe('surrenders per week against publicity', () => {
  it('weeks start on Monday', () => {
    expect(weekOf('2026-11-23')).toBe('2026-11-23');
    expect(weekOf('2026-11-29')).toBe('2026-11-23');
    expect(weekOf('2026-11-30')).toBe('2026-11-30');
  });
  it('counts surrenders, activities and posters per week within the range', () => {
    const weeks = weeklySeries(
      '2026-11-04',
      '2026-11-18',
      ['2026-11-03', '2026-11-04', '2026-11-10', '2026-11-11', '2026-11-19'],
      [
        { heldOn: '2026-11-05', kind: 'press_conference', quantity: null },
        { heldOn: '2026-11-09', kind: 'poster', quantity: 300 },
        { heldOn: '2026-11-12', kind: 'poster', quantity: 200 },
      ],
    );
    expect(weeks).toEqual([
      { week: '2026-11-02', surrenders: 1, activities: 1, posters: 0, days: 5 }, // from Wednesday
      { week: '2026-11-09', surrenders: 2, activities: 2, posters: 500, days: 7 },
      { week: '2026-11-16', surrenders: 0, activities: 0, posters: 0, days: 3 }, // to Wednesday
    ]);
  });
});
