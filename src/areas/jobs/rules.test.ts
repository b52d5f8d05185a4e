import { describe, expect, it } from 'vitest';
import { jobsDue } from './rules.ts';

describe('daily jobs', () => {
  it('runs every job each day, the review round on Mondays only', () => {
    expect(jobsDue('2026-11-30')).toEqual(['freeze', 'reviews', 'anchor', 'digests']); // a Monday
    expect(jobsDue('2026-12-01')).toEqual(['freeze', 'anchor', 'digests']);
    expect(jobsDue('2026-12-06')).toEqual(['freeze', 'anchor', 'digests']); // a Sunday
  });
});
