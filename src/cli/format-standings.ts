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
    'net',
    'active',
    'local',
    'remote',
    'cancel',
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
    percent(u.netDeclineRate),
    String(u.activeNow),
    String(u.captures.local),
    String(u.captures.remote),
    String(u.cancellations),
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
  return [
    `${s.campaign} — as of ${s.asOf}: ${percent(s.elapsedShare)} of the campaign elapsed, target ${percent(s.target)} (on track = decline ≥ ${percent(s.target * s.elapsedShare)})`,
    '',
    line(header),
    ...rows.map(line),
  ].join('\n');
}
