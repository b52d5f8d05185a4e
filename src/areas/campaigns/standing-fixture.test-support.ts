// A station's standing for the rules' unit tests: a third of a ten-person baseline cleared, on track
// against a 50% target. Tests override only the figures their case turns on.
import type { UnitStanding } from './rules.ts';

export const stationStanding = (code: string, over: Partial<UnitStanding> = {}): UnitStanding => ({
  code,
  name: code,
  kind: 'station',
  parent: 'S1',
  depth: 2,
  baseline: 10,
  cleared: 3,
  declineRate: 0.3,
  netDeclineRate: 0.3,
  activeNow: 7,
  newListings: 0,
  captures: { local: 3, remote: 0, arrests: 3, surrenders: 0 },
  homicide: { baseline: 0, cleared: 0, declineRate: null, captures: 0 },
  cancellations: 0,
  target: 0.5,
  onTrack: true,
  zeroResult: false,
  rank: 1,
  ...over,
});
