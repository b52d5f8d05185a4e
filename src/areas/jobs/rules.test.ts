import { describe, expect, it } from 'vitest';
import { JOB_LEASE_MS, jobsDue, leaseExpired } from './rules.ts';

describe('daily jobs', () => {
  it('runs every job each day, the review round on Mondays only', () => {
    expect(jobsDue('2026-11-30')).toEqual(['freeze', 'reviews', 'anchor', 'digests']); // a Monday
    expect(jobsDue('2026-12-01')).toEqual(['freeze', 'anchor', 'digests']);
    expect(jobsDue('2026-12-06')).toEqual(['freeze', 'anchor', 'digests']); // a Sunday
  });

  it('takes an unfinished run for dead once its lease is over, never a finished one', () => {
    const started_at = '2026-11-30T01:00:00.000Z';
    const at = (ms: number) => new Date(Date.parse(started_at) + ms);
    expect(leaseExpired({ started_at, finished_at: null }, at(JOB_LEASE_MS - 1))).toBe(false);
    expect(leaseExpired({ started_at, finished_at: null }, at(JOB_LEASE_MS))).toBe(true);
    expect(leaseExpired({ started_at, finished_at: '2026-11-30T01:00:05.000Z' }, at(2 * JOB_LEASE_MS))).toBe(
      false,
    );
  });
});
