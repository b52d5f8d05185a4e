// The bulletin as one self-contained HTML page (inline styles, inline SVG charts), laid out for A4.
import type { BulletinData, BulletinSection } from '../areas/bulletins/rules.ts';
import { capturesSvg, homicideSvg, rankingSvg, trendSvg } from './charts.ts';
import { type Lang, type Labels, labels, percent } from './labels.ts';
import {
  appendixTable,
  correctionLines,
  dayResultsTable,
  fourOnesTable,
  headlineTables,
  homicideTable,
  noticeLines,
  rankingTable,
} from './bulletin-tables.ts';

const esc = (s: string | number) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function table({ headers, rows }: { headers: string[]; rows: (string | number)[][] }): string {
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function corrections(s: Extract<BulletinSection, { kind: 'audit' }>, l: Labels): string {
  const lines = correctionLines(s, l);
  if (lines.length === 0) return '';
  return `<p><b>${esc(l.corrections)} (${lines.length})</b></p><ul class="corrections">${lines
    .map((c) => `<li>${esc(c)}</li>`)
    .join('')}</ul>`;
}

function section(s: BulletinSection, l: Labels): string {
  switch (s.kind) {
    case 'headline':
      return `<h2>${esc(l.headline)}</h2>${headlineTables(s, l).map(table).join('')}`;
    case 'trend':
      return `<h2>${esc(l.trend)}</h2><figure>${trendSvg(s.points, l)}</figure>`;
    case 'ranking':
      return `<h2>${esc(l.ranking)}</h2><figure>${rankingSvg(s.units, l)}</figure><figure>${capturesSvg(s.units, l)}</figure>${table(rankingTable(s, l))}`;
    case 'homicide':
      return `<h2>${esc(l.homicide)}</h2><figure>${homicideSvg(s.units, l)}</figure>${table(homicideTable(s, l))}`;
    case 'appendix':
      return `<h2>${esc(l.appendix)}</h2>${table(appendixTable(s, l))}`;
    case 'lagging':
      return `<h2>${esc(l.lagging)}</h2><p><b>${esc(l.zeroResultUnits)} (${s.zeroResult.length})</b>: ${esc(
        s.zeroResult.map((u) => u.name).join('、') || l.noneListed,
      )}</p><p><b>${esc(l.laggingUnits)} (${percent(s.trajectory)}, ${s.lagging.length})</b>: ${esc(
        s.lagging.map((u) => `${u.name} ${percent(u.declineRate)}`).join('、') || l.noneListed,
      )}</p>`;
    case 'four-ones':
      return `<h2>${esc(l.fourOnes)}</h2>${table(fourOnesTable(s, l))}`;
    case 'notices': {
      const lines = noticeLines(s, l);
      return `<h2>${esc(l.notices)}</h2>${
        lines.length === 0
          ? `<p>${esc(l.noneListed)}</p>`
          : lines.map((n) => `<p class="${n.kind}"><b>${esc(n.title)}</b>${esc(n.text)}</p>`).join('')
      }`;
    }
    case 'day-results':
      return `<h2>${esc(l.dayResults(s.date))}</h2>${
        s.items.length === 0 ? `<p>${esc(l.noneListed)}</p>` : table(dayResultsTable(s, l))
      }`;
    case 'audit':
      return `<h2>${esc(l.audit)}</h2><p class="hash">${esc(l.auditHead(s.events, s.head))}</p>${
        s.baselineDigest ? `<p class="hash">${esc(l.baselineDigest(s.baselineDigest))}</p>` : ''
      }${corrections(s, l)}`;
  }
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; color: #111; max-width: 180mm; margin: 0 auto; font-size: 10.5pt; }
h1 { color: #b71c1c; text-align: center; font-size: 20pt; margin: 0 0 4pt; }
.meta { text-align: center; border-bottom: 2px solid #b71c1c; padding-bottom: 6pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; break-inside: auto; }
th, td { border: 1px solid #ccc; padding: 2pt 4pt; text-align: left; }
tr { break-inside: avoid; }
figure { margin: 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
.praise b { color: #1565c0; } .criticism b { color: #b71c1c; }
.hash { font-family: monospace; word-break: break-all; }
.provisional { color: #b71c1c; font-weight: bold; text-align: center; border: 2px solid #b71c1c; padding: 4pt; }
`;

/** Renders the bulletin as an HTML document. */
export function bulletinHtml(data: BulletinData, lang: Lang = 'zh-CN'): string {
  const l = labels(lang);
  const issue =
    data.number === null
      ? l.draft
      : `${l.number(data.number)} · ${l.issued} ${data.issuedAt?.slice(0, 10) ?? ''}`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(`${l.title} ${data.asOf}`)}</title><style>${STYLE}</style></head>
<body><h1>${esc(l.title)}</h1><p class="meta">${esc(data.campaign.name)} · ${esc(issue)} · ${esc(l.asOf)} ${esc(data.asOf)} · ${esc(l.target)} ${percent(data.campaign.target)}</p>
${data.provisional ? `<p class="provisional">${esc(l.provisional)}</p>` : ''}
${data.sections.map((s) => section(s, l)).join('\n')}
</body></html>
`;
}
