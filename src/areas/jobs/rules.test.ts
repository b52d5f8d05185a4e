import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, JOB_LEASE_MS, jobsDue, leaseExpired } from './rules.ts';

describe('daily jobs', () => {
  it('runs every job each day, the review round on Mondays only', () => {
    expect(jobsDue('2026-11-30')).toEqual(['freeze', 'reviews', 'anchor', 'digests']); // a Monday
    expect(jobsDue('2026-12-01')).toEqual(['freeze', 'anchor', 'digests']);
    expect(jobsDue('2026-12-06')).toEqual(['freeze', 'anchor', 'digests']); // a Sunday
  });

  it('takes an unfinished run for dead once a lease has passed since its last renewal, never a finished one', () => {
    const started_at = '2026-11-30T01:00:00.000Z';
    const at = (ms: number) => new Date(Date.parse(started_at) + ms);
    const unrenewed = { started_at, renewed_at: null, finished_at: null };
    expect(leaseExpired(unrenewed, at(JOB_LEASE_MS - 1))).toBe(false);
    expect(leaseExpired(unrenewed, at(JOB_LEASE_MS))).toBe(true);
    // Renewed an hour after it started: alive until a lease after that renewal.
    const renewed = { ...unrenewed, renewed_at: at(60 * 60_000).toISOString() };
    expect(leaseExpired(renewed, at(60 * 60_000 + JOB_LEASE_MS - 1))).toBe(false);
    expect(leaseExpired(renewed, at(60 * 60_000 + JOB_LEASE_MS))).toBe(true);
    const finished = { ...unrenewed, finished_at: '2026-11-30T01:00:05.000Z' };
    expect(leaseExpired(finished, at(2 * JOB_LEASE_MS))).toBe(false);
    expect(HEARTBEAT_MS * 3).toBeLessThan(JOB_LEASE_MS); // several renewals within a lease
  });
});
