// The responsibility letter (目标责任书) as an official document on the GB/T 9704 page: two parties,
// the bureau (甲方) and the unit (乙方); the unit's frozen baseline, its target and the deadline; and
// spaces for each party's signature and seal. The .docx and the PDF both print these blocks.
import { chineseDate } from '../areas/bulletins/rules.ts';
import { percent } from './labels.ts';
import { type Block, type OfficialDocument, body, heading } from './official-document.ts';

export interface LetterDocument {
  campaign: { name: string; startOn: string; deadlineOn: string };
  /** 甲方: the issuing authority. */
  authority: string;
  /** 乙方: the unit that signs. */
  unit: string;
  baseline: number;
  target: number;
  /** The persons the target means (the least whole number reaching it). */
  persons: number;
  signer: string;
  signedOn: string;
}

const line = (text: string, before = 0, keepWithNext = false): Block => ({
  kind: 'line',
  text,
  before,
  keepWithNext,
});

export function letterDocument(l: LetterDocument): OfficialDocument {
  const title = `${l.campaign.name}目标责任书`;
  return {
    title,
    blocks: [
      { kind: 'title', text: title, before: 1, after: 1 },
      line(`甲方：${l.authority}`),
      line(`乙方：${l.unit}`),
      body(
        `为确保${l.campaign.name}目标任务落到实处，甲乙双方签订本责任书。行动自${chineseDate(l.campaign.startOn)}起至${chineseDate(l.campaign.deadlineOn)}止。`,
      ),
      heading('一、基数与目标'),
      body(
        `乙方行动前在逃人员基数（行动启动时冻结）为${l.baseline}人。乙方应于${chineseDate(l.campaign.deadlineOn)}前清理其中不少于${percent(l.target)}，即不少于${l.persons}人。`,
      ),
      heading('二、责任'),
      body(
        '乙方主要负责人为第一责任人，逐人落实抓捕措施，按日如实报送战果；战果以核实为准，不得虚报、瞒报。',
      ),
      body('甲方按期通报进度，对完成目标的单位予以表彰奖励，对未完成目标的单位依照有关规定追究责任。'),
      heading('三、其他'),
      body('本责任书一式两份，甲乙双方各执一份，自签订之日起生效。'),
      // Each party's seal, signature and date together on a page.
      line(`甲方（盖章）：${l.authority}`, 2, true),
      line('负责人（签字）：', 0, true),
      line('日期：　　　　年　　月　　日'),
      line(`乙方（盖章）：${l.unit}`, 2, true),
      line(`负责人（签字）：${l.signer}`, 0, true),
      line(`日期：${chineseDate(l.signedOn)}`),
    ],
  };
}
