import { describe, expect, it } from 'vitest';
import { campaignMobilisation, meetingProblem, timelineMeetings } from './rules.ts';

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

describe('campaignMobilisation', () => {
  const meeting = (kind: string, heldOn: string, byCity: boolean) => ({ kind, heldOn, byCity });

  it("takes the city's first mobilisation meeting held by the day, not a sub-bureau's or another kind", () => {
    const city = meeting('mobilization', '2026-10-20', true);
    const meetings = [
      meeting('weekly_command', '2026-10-10', true),
      meeting('mobilization', '2026-10-15', false),
      meeting('mobilization', '2026-11-02', true),
      city,
    ];
    expect(campaignMobilisation(meetings, '2026-11-28')).toBe(city);
    expect(campaignMobilisation(meetings, '2026-10-20')).toBe(city);
  });

  it('has none before the city held one', () => {
    const meetings = [
      meeting('mobilization', '2026-10-20', true),
      meeting('mobilization', '2026-10-15', false),
    ];
    expect(campaignMobilisation(meetings, '2026-10-19')).toBeNull();
    expect(campaignMobilisation([], '2026-11-28')).toBeNull();
  });
});

describe('timelineMeetings', () => {
  const meeting = (kind: string, heldOn: string, unitId: number) => ({ kind, heldOn, unitId });

  it("marks each shown unit's mobilisation and re-mobilisation meetings held by the day, oldest first", () => {
    const city = meeting('mobilization', '2026-10-17', 1);
    const mine = meeting('mobilization', '2026-10-18', 2);
    const again = meeting('remobilization', '2026-11-14', 1);
    const meetings = [
      again,
      meeting('review', '2026-11-20', 2),
      meeting('weekly_command', '2026-11-21', 1),
      meeting('mobilization', '2026-10-19', 3), // another sub-bureau's: not shown
      meeting('remobilization', '2026-11-30', 2), // after the day
      mine,
      city,
    ];
    const shown = (unitId: number) => unitId === 1 || unitId === 2;
    expect(timelineMeetings(meetings, '2026-11-28', shown)).toEqual([city, mine, again]);
    expect(timelineMeetings(meetings, '2026-10-17', shown)).toEqual([city]);
    expect(timelineMeetings(meetings, '2026-10-16', shown)).toEqual([]);
  });
});
