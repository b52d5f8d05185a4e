import { describe, expect, it } from 'vitest';
import { dueAt, isCutoff, mayConfirm, returnPeriod, returnRow, submissionState } from './rules.ts';

const figures = (cleared: number, newListings: number) => ({
  code: '630102',
  name: '城东分局',
  baseline: 40,
  cleared,
  declineRate: cleared / 40,
  target: 0.5,
  captures: { local: cleared - 2, remote: 2, arrests: cleared - 3, surrenders: 3 },
  newListings,
  homicide: { baseline: 4, cleared: 1, declineRate: 0.25, captures: 1 },
  activeNow: 40 - cleared + newListings,
});

describe('daily and weekly returns', () => {
  it('covers the day, or the seven days ending on it (across a month end)', () => {
    expect(returnPeriod('daily', '2011-06-01')).toEqual({ from: '2011-06-01', to: '2011-06-01' });
    expect(returnPeriod('weekly', '2011-06-03')).toEqual({ from: '2011-05-28', to: '2011-06-03' });
  });

  it("gives the period's movement as the difference from the day before it", () => {
    const row = returnRow(figures(15, 6), figures(11, 4));
    expect(row).toMatchObject({ cleared: 15, clearedInPeriod: 4, newListings: 6, newListingsInPeriod: 2 });
    expect(row).toMatchObject({ arrests: 12, surrenders: 3, capturesRemote: 2, homicideCleared: 1 });
    // No figures before the period (the campaign's first day): everything moved in it.
    expect(returnRow(figures(3, 1), undefined)).toMatchObject({ clearedInPeriod: 3, newListingsInPeriod: 1 });
  });

  it('is due at the cut-off, local time (UTC+8)', () => {
    expect(dueAt('2011-06-01', '18:00')).toBe('2011-06-01T10:00:00.000Z');
    expect(dueAt('2011-06-01', '07:30')).toBe('2011-05-31T23:30:00.000Z');
  });

  it('is submitted by the cut-off, late after it, missing when the cut-off passed without it, else due', () => {
    const due = dueAt('2011-06-01', '18:00');
    expect(submissionState('2011-06-01T09:59:00.000Z', due, '2011-06-02T00:00:00.000Z')).toBe('submitted');
    expect(submissionState(due, due, due)).toBe('submitted');
    expect(submissionState('2011-06-01T10:01:00.000Z', due, '2011-06-02T00:00:00.000Z')).toBe('late');
    expect(submissionState(null, due, '2011-06-01T10:00:01.000Z')).toBe('missing');
    expect(submissionState(null, due, '2011-06-01T09:00:00.000Z')).toBe('due');
  });

  it('accepts cut-offs on the 24-hour clock only', () => {
    expect(['00:00', '18:00', '23:59'].every(isCutoff)).toBe(true);
    expect(['24:00', '8:00', '18:60', '18:00:00', ''].some(isCutoff)).toBe(false);
  });

  it("is confirmed by the unit's own leader, the city's by a commander", () => {
    const leader = { unit: 7, roles: ['leader'] };
    expect(mayConfirm(leader, { id: 7, top: false })).toBe(true);
    expect(mayConfirm(leader, { id: 8, top: false })).toBe(false);
    expect(mayConfirm({ unit: 7, roles: ['officer'] }, { id: 7, top: false })).toBe(false);
    expect(mayConfirm({ unit: 1, roles: ['commander'] }, { id: 7, top: false })).toBe(false);
    expect(mayConfirm({ unit: 1, roles: ['commander'] }, { id: 1, top: true })).toBe(true);
    expect(mayConfirm({ unit: 1, roles: ['leader'] }, { id: 1, top: true })).toBe(false);
  });
});
