// The words of reminders, in Chinese and English: one source for the notification centre (the web
// app imports this pure module) and the daily digest e-mail.
import type { ReminderKind, ReminderParams } from './rules.ts';

export type ReminderLang = 'zh-CN' | 'en';

const CLAIM_KINDS: Record<string, [string, string]> = {
  arrest: ['抓获', 'arrest'],
  surrender: ['投案自首', 'surrender'],
  death: ['死亡', 'death'],
  cancellation: ['撤销', 'cancellation'],
};
const FOUR_ONES: Record<string, [string, string]> = {
  dossier: ['一人一档', 'dossier'],
  plan: ['一套方案', 'plan'],
  leader: ['一名领导', 'responsible leader'],
  team: ['一个专班', 'team'],
};
const ABOUT: Record<string, [string, string]> = {
  lagging: ['进度落后', 'lagging'],
  zero_result: ['零战果', 'zero result'],
  review_meeting: ['点评会', 'review meeting'],
  award_ineligible: ['取消评先评优资格', 'award ineligibility'],
  assessment_deduction: ['年终考核扣分', 'assessment deduction'],
  admonishment_talk: ['诫勉谈话', 'admonishment talk'],
  self_examination: ['书面检查', 'written self-examination'],
  task_carry_over: ['任务结转', 'task carried over'],
};

type Words = Record<string, [string, string]>;
const word = (words: Words, value: ReminderParams[string] | undefined, lang: ReminderLang) =>
  words[String(value)]?.[lang === 'en' ? 1 : 0] ?? String(value ?? '');

/** One reminder as a sentence in the language asked for. */
export function reminderMessage(
  r: { kind: ReminderKind; params: ReminderParams },
  lang: ReminderLang,
): string {
  const p = r.params;
  const en = lang === 'en';
  const claim = word(CLAIM_KINDS, p.claimKind, lang);
  const about = word(ABOUT, p.about, lang);
  const due = p.overdue
    ? en
      ? `overdue since ${p.dueOn}`
      : `已于${p.dueOn}到期，已逾期`
    : en
      ? `due on ${p.dueOn}`
      : `将于${p.dueOn}到期`;
  switch (r.kind) {
    case 'claim_to_verify':
      return en
        ? `The ${claim} claim on ${p.listingNo} has waited ${p.days} days for verification.`
        : `${p.listingNo}的${claim}申报已等待核查${p.days}天。`;
    case 'claim_to_approve':
      return en
        ? `The ${claim} claim on ${p.listingNo} has waited ${p.days} days for your approval.`
        : `${p.listingNo}的${claim}申报已等待审批${p.days}天。`;
    case 'claim_rejected':
      return en
        ? `Your ${claim} claim on ${p.listingNo} was rejected: ${p.reason ?? ''}`
        : `你对${p.listingNo}的${claim}申报被驳回：${p.reason ?? ''}`;
    case 'review_due':
      return en ? `The review of ${p.unit} (${about}) is ${due}.` : `${p.unit}的点评整改（${about}）${due}。`;
    case 'sanction_due':
      return en
        ? `The sanction on ${p.unit} (${about}) is ${due}.`
        : `${p.unit}的责任追究（${about}）${due}。`;
    case 'rectification_due':
      return en
        ? `The rectification of ${p.unit} "${p.about}" is ${due}.`
        : `${p.unit}的整改事项“${p.about}”${due}。`;
    case 'task_due':
      return en ? `The task "${p.about}" is ${due}.` : `任务“${p.about}”${due}。`;
    case 'tip_unhandled':
      return en
        ? `Tip ${p.tip} has waited ${p.days} days without triage.`
        : `线索${p.tip}已${p.days}天未研判。`;
    case 'four_ones_gap': {
      const missing = String(p.missing)
        .split(',')
        .map((m) => word(FOUR_ONES, m, lang))
        .join(en ? ', ' : '、');
      return en
        ? `Your case ${p.listingNo} (${p.name}) still lacks: ${missing}.`
        : `你包案的${p.listingNo}（${p.name}）尚缺：${missing}。`;
    }
    case 'letter_unsigned':
      return en ? `${p.unit} has not signed its responsibility letter.` : `${p.unit}尚未签订目标责任书。`;
    case 'return_missing':
      return en
        ? `The daily return of ${p.unit} for ${p.on} was not confirmed by the cut-off.`
        : `${p.unit}${p.on}的日报未在截止时间前确认报送。`;
  }
}

/** The daily digest of a user's reminders as an e-mail: subject and plain text. */
export function digestMail(
  user: { displayName: string },
  on: string,
  items: readonly { kind: ReminderKind; params: ReminderParams }[],
  lang: ReminderLang = 'zh-CN',
): { subject: string; text: string } {
  const en = lang === 'en';
  const subject = en
    ? `Qingwang: ${items.length} reminders for ${on}`
    : `清网行动：${on}待办提醒${items.length}项`;
  const lines = items.map((r, i) => `${i + 1}. ${reminderMessage(r, lang)}`);
  const greeting = en ? `${user.displayName},` : `${user.displayName}：`;
  const outro = en
    ? 'Open the notification centre in Qingwang for details.'
    : '详情请登录清网系统查看通知中心。';
  return { subject, text: [greeting, '', ...lines, '', outro, ''].join('\n') };
}
