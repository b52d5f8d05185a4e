import { describe, expect, it } from 'vitest';
import { meetingProblem } from './rules.ts';

const campaign = { baselineOn: '2026-10-01', yearEndOn: '2026-12-31' };

describe('meetingProblem', () => {
  it('accepts a meeting held today with tasks due later', () => {
    expect(
      meetingProblem({ heldOn: '2026-11-28', tasks: [{ dueOn: '2026-12-05' }] }, '2026-11-28', campaign),
    ).toBeNull();
  });

  it('refuses a meeting in the future or outside the campaign, naming the field', () => {
    expect(meetingProblem({ heldOn: '2026-11-29', tasks: [] }, '2026-11-28', campaign)?.code).toBe(
      'in_future',
    );
    expect(meetingProblem({ heldOn: '2026-09-30', tasks: [] }, '2026-11-28', campaign)).toMatchObject({
      field: 'heldOn',
      code: 'outside_campaign',
      params: { from: '2026-10-01', to: '2026-12-31' },
    });
  });

  it('refuses a task due before the meeting, naming which', () => {
    expect(
      meetingProblem(
        { heldOn: '2026-11-20', tasks: [{ dueOn: '2026-11-25' }, { dueOn: '2026-11-19' }] },
        '2026-11-28',
        campaign,
      ),
    ).toMatchObject({ field: 'tasks.1.dueOn', code: 'due_before_meeting' });
  });
});
