import { describe, expect, it } from 'vitest';
import { jobsDue } from './rules.ts';

describe('daily jobs', () => {
  it('runs every job each day, the review round on Mondays only', () => {
    expect(jobsDue('2026-11-30')).toEqual(['freeze', 'reviews', 'digests', 'anchor']); // a Monday
    expect(jobsDue('2026-12-01')).toEqual(['freeze', 'digests', 'anchor']);
    expect(jobsDue('2026-12-06')).toEqual(['freeze', 'digests', 'anchor']); // a Sunday
  });
});
