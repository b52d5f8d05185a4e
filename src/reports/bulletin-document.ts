// The bulletin as an official document (通报) in the format of GB/T 9704-2012, as the .docx bureaus
// edit and exchange and as the PDF that prints the same: the issuing authority in red above the red
// line, the document number and issuer, title, recipients, body, the attachments (the ranking tables),
// the signature and the date in Chinese numerals, the distribution footer (版记). The document is in
// Chinese: GB/T 9704 is.
import { type BulletinData, type BulletinSection, chineseDate } from '../areas/bulletins/rules.ts';
import { appendixTable, homicideTable, noticeLines, rankingTable } from './bulletin-tables.ts';
import { labels, perDay, percent } from './labels.ts';
import {
  type Attachment,
  type Block,
  type OfficialDocument,
  attachmentNote,
  body,
  heading,
  signature,
} from './official-document.ts';

type Section<K extends BulletinSection['kind']> = Extract<BulletinSection, { kind: K }>;
const find = <K extends BulletinSection['kind']>(data: BulletinData, kind: K) =>
  data.sections.find((s): s is Section<K> => s.kind === kind);

/** The body text: the figures in sentences, the pace, lagging and zero-result units, notices. */
function bodyBlocks(data: BulletinData): Block[] {
  const l = labels('zh-CN');
  const out: Block[] = [];
  const h = find(data, 'headline');
  if (h) {
    out.push(heading('一、总体进展'));
    out.push(
      body(
        `截至${chineseDate(data.asOf)}，全市${data.campaign.name}行动前在逃人员${h.baseline}人，已清理${h.cleared}人，下降率${percent(h.declineRate)}（目标${percent(data.campaign.target)}，当前进度线${percent(h.trajectory)}）；净下降率${percent(h.netDeclineRate)}，仍在逃${h.activeNow}人。抓获本地逃犯${h.capturesLocal}人、协外抓获${h.capturesRemote}人${h.arrests === undefined ? '' : `，其中抓捕${h.arrests}人、投案自首${h.surrenders}人`}；新增上网${h.newListings ?? '—'}人；撤销${h.cancellations}人（单列，不计入清理）。距截止日期${h.daysLeft}天。`,
      ),
    );
    if (h.pace) {
      const p = h.pace;
      const at =
        p.projectedOn === null ? '按此进度无法达标' : `按此进度预计于${chineseDate(p.projectedOn)}达到目标`;
      out.push(
        body(
          `距目标尚需清理${p.remaining}人，${p.requiredPerDay === null ? '已过截止日期' : `此后日均需清理${perDay(p.requiredPerDay)}人`}；近7日日均清理${perDay(p.last7PerDay)}人，近14日日均清理${perDay(p.last14PerDay)}人，${at}。`,
        ),
      );
    }
  }
  const lagging = find(data, 'lagging');
  if (lagging) {
    out.push(heading('二、零战果及落后单位'));
    out.push(
      body(`${l.zeroResultUnits}：${lagging.zeroResult.map((u) => u.name).join('、') || l.noneListed}。`),
    );
    out.push(
      body(
        `${l.laggingUnits}（进度线${percent(lagging.trajectory)}）：${lagging.lagging.map((u) => `${u.name}（${percent(u.declineRate)}）`).join('、') || l.noneListed}。`,
      ),
    );
  }
  const notices = find(data, 'notices');
  if (notices) {
    out.push(heading('三、通报表扬与批评'));
    const lines = noticeLines(notices, l);
    if (lines.length === 0) out.push(body(l.noneListed + '。'));
    for (const n of lines) out.push(body(`${n.title}${n.text}`));
  }
  out.push(heading('四、工作要求'));
  out.push(body('各单位要对照目标和进度，逐人落实抓捕措施；零战果和落后单位要查找原因，限期扭转被动局面。'));
  return out;
}

/** The attachments: the ranking tables the bulletin has. */
function attachments(data: BulletinData): Attachment[] {
  const l = labels('zh-CN');
  const out: Attachment[] = [];
  const ranking = find(data, 'ranking');
  if (ranking) out.push({ title: '各单位清网行动排名表', content: rankingTable(ranking, l) });
  const homicide = find(data, 'homicide');
  if (homicide) out.push({ title: '命案逃犯清理情况表', content: homicideTable(homicide, l) });
  const appendix = find(data, 'appendix');
  if (appendix) out.push({ title: '各派出所、大队排名表', content: appendixTable(appendix, l) });
  return out;
}

/** The bulletin as an official document: the body on the grid, the attachments, the imprint. */
export function bulletinDocument(data: BulletinData): OfficialDocument {
  const d = data.document ?? {
    authority: '',
    number: null,
    issuer: null,
    recipients: '',
    copiesTo: null,
    printedBy: '',
  };
  const doc: BulletinData = { ...data, document: d };
  const issuedOn = data.issuedAt ? data.issuedAt.slice(0, 10) : data.asOf;
  const title = `关于${data.campaign.name}进展情况的通报`;
  const list = attachments(doc);
  return {
    title: `${d.number ?? ''} ${title}`,
    blocks: [
      { kind: 'authority', text: `${d.authority}文件` },
      { kind: 'number', number: d.number ?? '（未签发稿）', issuer: d.issuer },
      { kind: 'title', text: title, before: 1, after: 1 },
      { kind: 'line', text: `${d.recipients}：` },
      ...bodyBlocks(doc),
      ...attachmentNote(list),
      signature(d.authority, 2, true),
      signature(chineseDate(issuedOn)),
    ],
    attachments: list,
    imprint: {
      copiesTo: d.copiesTo ? `抄送：${d.copiesTo}。` : null,
      printedBy: d.printedBy,
      printedOn: `${chineseDate(issuedOn)}印发`,
    },
  };
}
