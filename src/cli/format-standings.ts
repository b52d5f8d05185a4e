import type { StandingsOut } from '../areas/campaigns/schema.ts';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const yesNo = (v: boolean | null) => (v === null ? '—' : v ? 'yes' : 'no');

/** A terminal table of the standings, the tree shown by indenting codes (names last: CJK is wide). */
export function formatStandings(s: StandingsOut): string {
  const header = [
    'unit',
    'rank',
    'baseline',
    'cleared',
    'decline',
    'target',
    'net',
    'active',
    'new',
    'local',
    'remote',
    'arrests',
    'surrend.',
    'cancel',
    'hom.base',
    'hom.clr',
    'hom.rate',
    'on track',
    'zero',
    'name',
  ];
  const rows = s.units.map((u) => [
    `${'  '.repeat(u.depth)}${u.code}`,
    String(u.rank),
    String(u.baseline),
    String(u.cleared),
    percent(u.declineRate),
    percent(u.target),
    percent(u.netDeclineRate),
    String(u.activeNow),
    String(u.newListings),
    String(u.captures.local),
    String(u.captures.remote),
    String(u.captures.arrests),
    String(u.captures.surrenders),
    String(u.cancellations),
    String(u.homicide.baseline),
    String(u.homicide.cleared),
    percent(u.homicide.declineRate),
    yesNo(u.onTrack),
    u.zeroResult ? 'ZERO' : '',
    u.name,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i >= cells.length - 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const baseline = s.provisional
    ? 'PROVISIONAL: the baseline is not frozen yet'
    : `baseline digest ${s.baselineDigest ?? '—'}`;
  return [
    `${s.campaign} — as of ${s.asOf}: ${percent(s.elapsedShare)} of the campaign elapsed; on track = decline ≥ target × ${percent(s.elapsedShare)} (campaign target ${percent(s.target)}, a letter's where signed)`,
    baseline,
    '',
    line(header),
    ...rows.map(line),
  ].join('\n');
}
