import { readFileSync } from 'node:fs';
import type { Anchor } from '../areas/audit/rules.ts';
import type { HistoryCheck } from '../areas/integrity/history.ts';
import { anchorOut } from '../areas/integrity/schema.ts';
import { DomainError } from '../shared/errors.ts';

/** Reads anchors kept outside the database: one JSON object per line, as `audit anchor` prints them. */
export function readAnchors(file: string): Anchor[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new DomainError('invalid_anchor', `${file} line ${i + 1}: not JSON`);
      }
      const anchor = anchorOut.safeParse(parsed);
      if (!anchor.success) {
        const issue = anchor.error.issues[0]!;
        throw new DomainError(
          'invalid_anchor',
          `${file} line ${i + 1}, field ${issue.path.join('.')}: ${issue.message}`,
        );
      }
      return [anchor.data];
    });
}

/** The lines `audit verify` prints: the chain, the anchors, the records, then a verdict. */
export function formatHistoryCheck(check: HistoryCheck): string[] {
  const { chain } = check;
  const lines = [
    chain.ok
      ? `audit chain intact: ${chain.events} events, head ${chain.head}`
      : `audit chain BROKEN at event ${chain.brokenAt}: ${chain.reason} (${chain.events} events before it are intact)`,
  ];
  const signatures = check.signaturesChecked ? 'signatures checked' : 'signatures NOT checked: no public key';
  if (check.anchors === 0) lines.push('anchors: none yet (`qingwang audit anchor` makes one)');
  else if (check.anchorProblems.length === 0)
    lines.push(`anchors: all ${check.anchors} hold (${signatures})`);
  else {
    lines.push(`anchors: ${check.anchorProblems.length} of ${check.anchors} do NOT hold (${signatures}):`);
    for (const p of check.anchorProblems) lines.push(`  anchor at event ${p.seq}: ${p.problem}`);
  }
  const { records } = check;
  if (records.drifted.length === 0)
    lines.push(`records: all ${records.compared} clearances with their own audit events match them`);
  else {
    lines.push(
      `records: ${records.drifted.length} of ${records.compared} clearances differ from their audit events:`,
    );
    for (const d of records.drifted) lines.push(`  clearance ${d.id}: ${d.fields.join(', ')}`);
  }
  if (check.deep) lines.push(...formatDeepCheck(check.deep));
  if (!check.ok) lines.push('history TAMPERED: see above');
  else if (check.anchors > 0 && !check.signaturesChecked)
    lines.push(
      'history intact, but the anchors are unsigned as far as this check knows: give it the public key',
    );
  else lines.push('history intact');
  return lines;
}

function formatDeepCheck(deep: NonNullable<HistoryCheck['deep']>): string[] {
  const { withdrawals } = deep;
  const replayed =
    withdrawals.drifted.length === 0
      ? [`withdrawals: all ${withdrawals.compared} requests match their audit events`]
      : [
          `withdrawals: ${withdrawals.drifted.length} requests differ from their audit events:`,
          ...withdrawals.drifted.map((d) => `  withdrawal ${d.id} of ${d.listingNo}: ${d.fields.join(', ')}`),
        ];
  return [...formatKeptFigures(deep.keptFigures), ...formatSealCheck(deep), ...replayed];
}

function formatSealCheck(deep: NonNullable<HistoryCheck['deep']>): string[] {
  if (!deep.seal) return ['tables: never sealed (`qingwang audit seal` seals them; every anchor does too)'];
  const lines = deep.brokenSeals.map(
    (t) => `seal of ${t} EDITED: its rows no longer add up to the digest in the audit chain`,
  );
  const since = `since the seal at event ${deep.seal.seq} (${deep.seal.at})`;
  if (deep.differences.length === 0)
    lines.push(
      `tables: all ${deep.compared} rows match the seal or an audited change ${since} (${deep.explained} changed with an event)`,
    );
  else {
    lines.push(`tables: ${deep.differences.length} rows changed ${since} with no audited event:`);
    for (const d of deep.differences) lines.push(`  ${d.table} ${d.key}: ${d.change}`);
  }
  return lines;
}

function formatKeptFigures(drift: NonNullable<HistoryCheck['deep']>['keptFigures']): string[] {
  if (drift.length === 0)
    return ['figures: the kept counts of every campaign equal the facts the persons give'];
  const lines: string[] = [];
  for (const { campaign, differences } of drift) {
    lines.push(
      `figures of ${campaign}: ${differences.length} kept counts DIFFER from the facts the persons give:`,
    );
    for (const d of differences)
      lines.push(`  ${d.kind} ${JSON.stringify(d.fact)}: persons give ${d.expected}, kept ${d.kept}`);
  }
  return lines;
}
