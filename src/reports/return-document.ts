// A unit's daily or weekly return (日报/周报) as an official document on the GB/T 9704 page: the unit
// reports to the one above it; the figures of the unit and the level below and the period's verified
// results as tables; the unit and the date in Chinese numerals at the end.
import { chineseDate } from '../areas/bulletins/rules.ts';
import type { UnitReturn } from '../areas/returns/rules.ts';
import { labels, percent } from './labels.ts';
import { resultsTable } from './bulletin-tables.ts';
import {
  type Attachment,
  type Block,
  type OfficialDocument,
  attachmentNote,
  body,
} from './official-document.ts';
import { returnFiguresTable } from './return-tables.ts';

const right = (text: string, before = 0): Block => ({ kind: 'right', text, before });

export function returnDocument(r: UnitReturn): OfficialDocument {
  const l = labels('zh-CN');
  const title = `${r.unit.name}${l.returnTitle[r.period]}`;
  const period = r.from === r.to ? chineseDate(r.to) : `${chineseDate(r.from)}至${chineseDate(r.to)}`;
  const own = r.rows[0];
  const annexes: Attachment[] = [
    { title: l.figures, content: returnFiguresTable(r, l) },
    {
      title: l.periodResults,
      content: r.results.length > 0 ? resultsTable(r.results, l) : '本期无核实战果。',
    },
  ];
  return {
    title,
    blocks: [
      { kind: 'title', text: title, before: 1, after: 1 },
      { kind: 'line', text: `${r.recipient ?? '上级公安机关'}：` },
      body(
        own
          ? `${period}，${r.unit.name}在${r.campaign.name}中清理在逃人员${own.clearedInPeriod}人，累计清理${own.cleared}人，占行动前在逃人员${own.baseline}人的${percent(own.declineRate)}（目标${percent(own.target)}）；本期新增上网${own.newListingsInPeriod}人，仍在逃${own.activeNow}人。命案逃犯基数${own.homicideBaseline}人，已清理${own.homicideCleared}人。`
          : `${period}，${r.unit.name}无统计数据。`,
      ),
      // 附件说明, then the unit and the date; the tables follow as attachments on landscape pages.
      ...attachmentNote(annexes),
      right(r.unit.name, 2),
      right(chineseDate(r.to)),
    ],
    attachments: annexes,
  };
}
