// The public site's pages: plain server-rendered HTML, every value escaped, no scripts, nothing
// from other hosts, readable on a phone. Two languages; the language travels in the URL or the
// form (never in a cookie).
import type { PublicNotice, TipStatusForTipster } from './service.ts';
import type { PublicFugitive } from './present.ts';
import { TIP_LIMITS, formatReceipt } from './rules.ts';

export type Lang = 'zh' | 'en';

export function langOf(value: unknown): Lang {
  return value === 'en' ? 'en' : 'zh';
}

const TEXT = {
  zh: {
    site: '西宁市公安局 · 清网行动',
    home: '首页',
    other: 'English',
    otherLang: 'en',
    notice: '敦促在逃人员投案自首通告',
    noNotice: '暂无通告。',
    wanted: '公开悬赏通缉人员',
    noneWanted: '目前没有公开通缉的人员。',
    sex: { M: '男', F: '女' } as Record<string, string>,
    born: '出生年份',
    idNumber: '身份证号',
    offence: '涉嫌罪名',
    reward: '悬赏',
    yuan: (n: number) => `${n.toLocaleString('zh-CN')} 元`,
    tipAbout: '提供此人线索',
    tipLink: '提供线索',
    receiptLink: '凭回执查询线索办理情况',
    tipTitle: '提供线索',
    privacy:
      '本页面不使用 Cookie，不记录您的 IP 地址，不加载任何第三方内容。联系方式加密保存，仅由负责办理的单位查看。您可以匿名提供线索。',
    emailNote: '您的电子邮箱不会被公开。带 * 的为必填项。',
    person: '涉及人员（在逃人员编号）',
    personHint: '通缉令上的编号；不确定可不填。',
    pages: '分页',
    previous: '上一页',
    next: '下一页',
    pageOf: (page: number, pages: number, total: number) => `第 ${page} / ${pages} 页，共 ${total} 人`,
    seen: '您看到了什么',
    where: '地点',
    when: '时间',
    contact: '联系方式（选填）',
    name: '姓名',
    phone: '电话',
    email: '电子邮箱',
    honeypot: '请勿填写此项',
    submit: '提交线索',
    fix: '请修改以下问题：',
    required: '为必填项',
    tooLong: (n: number) => `不能超过 ${n} 个字`,
    badPhone: '请填写有效的电话号码',
    badEmail: '请填写有效的电子邮箱',
    thanks: '线索已收到，谢谢！',
    yourReceipt: '您的回执码',
    receiptWarn:
      '请抄下或保存这 16 位回执码。它只显示这一次，我们无法找回。凭它可以查询办理情况、回答民警的补充提问、申领悬赏。',
    check: '查询办理情况',
    receipt: '回执码（16 位数字）',
    lookUp: '查询',
    notFound: '没有找到这个回执码对应的线索。请核对后重试。',
    badReceipt: '回执码应为 16 位数字。',
    state: {
      received: '已收到，等待办理',
      in_progress: '正在核查',
      question: '民警有补充问题，请回答',
      closed: '已办结',
    } as Record<string, string>,
    status: '状态',
    receivedAt: '提交时间',
    conversation: '往来消息',
    officerSays: '民警',
    youSaid: '您',
    answer: '回答或补充',
    send: '发送',
    answered: '已发送。',
    ledToResult: '您的线索帮助抓获了在逃人员。谢谢！',
    claim: '申领悬赏',
    claimed: '悬赏申领已登记。请凭回执码按办案单位的通知领取，无需透露身份以外的信息。',
    alreadyClaimed: '已申领悬赏。',
    closedNote: '此线索已办结，无法再补充。',
    tooMany: '提交过于频繁',
    tooManyText: '您在短时间内提交了太多次。请过几分钟再试。已提交的线索均已保存。',
    pageNotFound: '页面不存在',
    pageNotFoundText: '没有这个页面。',
    error: '出错了',
    errorText: '请求无法处理，请稍后再试。',
    back: '返回',
    photo: '照片',
  },
  en: {
    site: 'Xining Public Security Bureau · Clear the Net campaign',
    home: 'Home',
    other: '中文',
    otherLang: 'zh',
    notice: 'Notice urging fugitives to surrender',
    noNotice: 'No notice at present.',
    wanted: 'Wanted persons (rewards offered)',
    noneWanted: 'Nobody is on the public wanted list at present.',
    sex: { M: 'male', F: 'female' } as Record<string, string>,
    born: 'Year of birth',
    idNumber: 'ID number',
    offence: 'Suspected of',
    reward: 'Reward',
    yuan: (n: number) => `¥${n.toLocaleString('en')}`,
    tipAbout: 'Send a tip about this person',
    tipLink: 'Send a tip',
    receiptLink: 'Check a tip with your receipt',
    tipTitle: 'Send a tip',
    privacy:
      'This site sets no cookies, does not record your IP address and loads nothing from other sites. Contact details are stored encrypted and seen only by the unit handling the tip. You may stay anonymous.',
    emailNote: 'Your email address will not be published. Required fields are marked *',
    person: 'Which person (listing number)',
    personHint: 'The number on the wanted poster; leave empty if unsure.',
    pages: 'Pages',
    previous: 'Previous',
    next: 'Next',
    pageOf: (page: number, pages: number, total: number) => `Page ${page} of ${pages} · ${total} people`,
    seen: 'What did you see',
    where: 'Where',
    when: 'When',
    contact: 'Contact (optional)',
    name: 'Name',
    phone: 'Phone',
    email: 'Email',
    honeypot: 'Leave this empty',
    submit: 'Send the tip',
    fix: 'Please correct the following:',
    required: 'is required',
    tooLong: (n: number) => `may be at most ${n} characters`,
    badPhone: 'please give a valid phone number',
    badEmail: 'please give a valid email address',
    thanks: 'Thank you: your tip has been received.',
    yourReceipt: 'Your receipt code',
    receiptWarn:
      'Write down or save these 16 digits now. They are shown only once and cannot be recovered. With them you can check your tip, answer an officer’s follow-up question and claim a reward.',
    check: 'Check your tip',
    receipt: 'Receipt code (16 digits)',
    lookUp: 'Look up',
    notFound: 'No tip has this receipt code. Please check it and try again.',
    badReceipt: 'A receipt code is 16 digits.',
    state: {
      received: 'Received, waiting to be handled',
      in_progress: 'Being checked',
      question: 'An officer has a question for you',
      closed: 'Closed',
    } as Record<string, string>,
    status: 'Status',
    receivedAt: 'Received',
    conversation: 'Messages',
    officerSays: 'Officer',
    youSaid: 'You',
    answer: 'Answer or add information',
    send: 'Send',
    answered: 'Sent.',
    ledToResult: 'Your tip helped bring in a wanted person. Thank you!',
    claim: 'Claim the reward',
    claimed:
      'Your reward claim is recorded. Collect it with your receipt code as the handling unit announces; you need not reveal who you are.',
    alreadyClaimed: 'The reward has been claimed.',
    closedNote: 'This tip is closed; nothing more can be added.',
    tooMany: 'Too many requests',
    tooManyText:
      'You have sent too many requests in a short time. Please try again in a few minutes. Tips already sent are kept.',
    pageNotFound: 'Page not found',
    pageNotFoundText: 'There is no such page.',
    error: 'Something went wrong',
    errorText: 'The request could not be handled. Please try again later.',
    back: 'Back',
    photo: 'Photo',
  },
};

/** Crime categories in English (the offence itself is recorded in Chinese). */
const CATEGORY_EN: Record<string, string> = {
  homicide: 'Homicide',
  robbery: 'Robbery',
  rape: 'Rape',
  kidnapping: 'Kidnapping',
  arson: 'Arson',
  drugs: 'Drug offences',
  fraud: 'Fraud',
  theft: 'Theft',
  assault: 'Assault',
  other: 'Other offences',
};

export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const e = escapeHtml;

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${e(p.trim()).replaceAll('\n', '<br>')}</p>`)
    .join('\n');
}

function page(lang: Lang, title: string, body: string, otherHref: string): string {
  const t = TEXT[lang];
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(title)} · ${e(t.site)}</title>
<link rel="stylesheet" href="/public/style.css">
</head>
<body>
<header><a class="site" href="/public?lang=${lang}">${e(t.site)}</a>
<nav><a href="/public/tip?lang=${lang}">${e(t.tipLink)}</a> <a href="/public/receipt?lang=${lang}">${e(t.receiptLink)}</a> <a href="${e(otherHref)}" lang="${t.otherLang === 'en' ? 'en' : 'zh-CN'}">${e(t.other)}</a></nav>
</header>
<main>
${body}
</main>
</body>
</html>`;
}

const other = (lang: Lang) => TEXT[lang].otherLang;

export interface WantedPage {
  items: PublicFugitive[];
  page: number;
  pages: number;
  total: number;
}

export function homePage(lang: Lang, notice: PublicNotice | null, list: WantedPage): string {
  const t = TEXT[lang];
  const wanted = list.items;
  const noticeHtml = notice
    ? `<article class="notice" data-version="${notice.version}"><h1>${e(notice.title)}</h1>${paragraphs(notice.body)}</article>`
    : `<article class="notice"><h1>${e(t.notice)}</h1><p>${e(t.noNotice)}</p></article>`;
  const cards = wanted.map((f) => {
    const facts = [
      f.sex ? `<dt>${e(lang === 'en' ? 'Sex' : '性别')}</dt><dd>${e(t.sex[f.sex] ?? f.sex)}</dd>` : '',
      f.birthYear ? `<dt>${e(t.born)}</dt><dd>${e(f.birthYear)}</dd>` : '',
      f.idNumber ? `<dt>${e(t.idNumber)}</dt><dd class="id">${e(f.idNumber)}</dd>` : '',
      `<dt>${e(t.offence)}</dt><dd>${lang === 'en' ? `${e(CATEGORY_EN[f.crimeCategory] ?? f.crimeCategory)} (${e(f.offence)})` : e(f.offence)}</dd>`,
      f.reward ? `<dt>${e(t.reward)}</dt><dd class="reward">${e(t.yuan(f.reward))}</dd>` : '',
    ].join('');
    const photo = f.photo
      ? `<img src="/public/photos/${e(f.photo)}" alt="${e(t.photo)}: ${e(f.name)}" width="120" height="150">`
      : '';
    return `<li class="wanted" data-listing="${e(f.listingNo)}">${photo}<h3>${e(f.name)}</h3><dl>${facts}</dl><a href="/public/tip?lang=${lang}&amp;about=${encodeURIComponent(f.listingNo)}">${e(t.tipAbout)}</a></li>`;
  });
  const pageLink = (n: number, text: string) =>
    `<a href="/public?lang=${lang}&amp;page=${n}#wanted" rel="${n < list.page ? 'prev' : 'next'}">${e(text)}</a>`;
  const pager =
    list.pages > 1
      ? `<nav class="pager" aria-label="${e(t.pages)}">${list.page > 1 ? pageLink(list.page - 1, t.previous) : ''} <span>${e(t.pageOf(list.page, list.pages, list.total))}</span> ${list.page < list.pages ? pageLink(list.page + 1, t.next) : ''}</nav>`
      : '';
  const listHtml = wanted.length
    ? `<ul class="wanted-list">${cards.join('\n')}</ul>${pager}`
    : `<p>${e(t.noneWanted)}</p>`;
  return page(
    lang,
    notice?.title ?? t.notice,
    `${noticeHtml}\n<section id="wanted"><h2>${e(t.wanted)}</h2>${listHtml}</section>\n<p class="privacy">${e(t.privacy)}</p>`,
    `/public?lang=${other(lang)}${list.page > 1 ? `&page=${list.page}` : ''}`,
  );
}

export interface TipFormState {
  values: Record<string, string>;
  errors: { field: string; message: string }[];
}

function errorText(lang: Lang, message: string): string {
  const t = TEXT[lang];
  if (message === 'required') return t.required;
  if (message.startsWith('too_long:')) return t.tooLong(Number(message.slice(9)));
  if (message === 'phone') return t.badPhone;
  if (message === 'email') return t.badEmail;
  return message;
}

export function tipFormPage(lang: Lang, about: PublicFugitive | null, state: TipFormState): string {
  const t = TEXT[lang];
  const v = state.values;
  const labels: Record<string, string> = {
    seen: t.seen,
    where: t.where,
    when: t.when,
    name: t.name,
    phone: t.phone,
    email: t.email,
    listingNo: t.person,
  };
  const errors = state.errors.length
    ? `<div class="errors" role="alert"><p>${e(t.fix)}</p><ul>${state.errors
        .map((x) => `<li>${e(labels[x.field] ?? x.field)} ${e(errorText(lang, x.message))}</li>`)
        .join('')}</ul></div>`
    : '';
  const input = (name: string, max: number, type = 'text', autocomplete = 'off') =>
    `<label for="${name}">${e(labels[name])}</label><input id="${name}" name="${name}" type="${type}" maxlength="${max}" autocomplete="${autocomplete}" value="${e(v[name] ?? '')}">`;
  const body = `<h1>${e(t.tipTitle)}</h1>
<p class="privacy">${e(t.privacy)}</p>
<p class="note">${e(t.emailNote)}</p>
${errors}
<form method="post" action="/public/tip" accept-charset="utf-8">
<input type="hidden" name="lang" value="${lang}">
<label for="listingNo">${e(t.person)}</label>
${about ? `<p class="about">${e(about.name)} (${e(about.listingNo)})</p>` : ''}
<input id="listingNo" name="listingNo" maxlength="${TIP_LIMITS.listingNo}" autocomplete="off" value="${e(v.listingNo ?? '')}" aria-describedby="listingNo-hint">
<small id="listingNo-hint">${e(t.personHint)}</small>
<label for="seen">${e(t.seen)} *</label>
<textarea id="seen" name="seen" rows="6" maxlength="${TIP_LIMITS.seen}" required>${e(v.seen ?? '')}</textarea>
${input('where', TIP_LIMITS.where)}
${input('when', TIP_LIMITS.when)}
<fieldset><legend>${e(t.contact)}</legend>
${input('name', TIP_LIMITS.name)}
${input('phone', TIP_LIMITS.phone, 'tel')}
${input('email', TIP_LIMITS.email, 'email')}
</fieldset>
<div class="hp" aria-hidden="true"><label for="website">${e(t.honeypot)}</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value=""></div>
<button type="submit">${e(t.submit)}</button>
</form>`;
  return page(
    lang,
    t.tipTitle,
    body,
    `/public/tip?lang=${other(lang)}${v.listingNo ? `&about=${encodeURIComponent(v.listingNo)}` : ''}`,
  );
}

export function receiptPage(lang: Lang, receipt: string): string {
  const t = TEXT[lang];
  const body = `<h1>${e(t.thanks)}</h1>
<p>${e(t.yourReceipt)}:</p>
<p class="receipt" id="receipt">${e(formatReceipt(receipt))}</p>
<p class="warn">${e(t.receiptWarn)}</p>
<p><a href="/public/receipt?lang=${lang}">${e(t.check)}</a> · <a href="/public?lang=${lang}">${e(t.home)}</a></p>`;
  return page(lang, t.thanks, body, `/public?lang=${other(lang)}`);
}

function receiptForm(lang: Lang, value = ''): string {
  const t = TEXT[lang];
  return `<form method="post" action="/public/receipt" accept-charset="utf-8">
<input type="hidden" name="lang" value="${lang}">
<label for="receipt">${e(t.receipt)}</label>
<input id="receipt" name="receipt" inputmode="numeric" autocomplete="off" maxlength="24" value="${e(value)}" required>
<button type="submit">${e(t.lookUp)}</button>
</form>`;
}

export function receiptLookupPage(lang: Lang, problem?: 'not_found' | 'invalid'): string {
  const t = TEXT[lang];
  const error = problem
    ? `<div class="errors" role="alert"><p>${e(problem === 'invalid' ? t.badReceipt : t.notFound)}</p></div>`
    : '';
  return page(
    lang,
    t.check,
    `<h1>${e(t.check)}</h1>${error}${receiptForm(lang)}`,
    `/public/receipt?lang=${other(lang)}`,
  );
}

export function tipStatusPage(
  lang: Lang,
  receipt: string,
  s: TipStatusForTipster,
  flash?: 'answered' | 'claimed',
): string {
  const t = TEXT[lang];
  const messages = s.messages.length
    ? `<h2>${e(t.conversation)}</h2><ol class="messages">${s.messages
        .map(
          (m) =>
            `<li class="${m.author}"><b>${e(m.author === 'officer' ? t.officerSays : t.youSaid)}:</b> ${e(m.body)}</li>`,
        )
        .join('')}</ol>`
    : '';
  const hidden = `<input type="hidden" name="lang" value="${lang}"><input type="hidden" name="receipt" value="${e(receipt)}">`;
  const answer =
    s.state === 'closed'
      ? `<p>${e(t.closedNote)}</p>`
      : `<form method="post" action="/public/receipt/answer" accept-charset="utf-8">${hidden}
<label for="answer">${e(t.answer)}</label><textarea id="answer" name="answer" rows="4" maxlength="${TIP_LIMITS.answer}" required></textarea>
<button type="submit">${e(t.send)}</button></form>`;
  const reward = s.canClaimReward
    ? `<form method="post" action="/public/receipt/claim">${hidden}<p>${e(t.reward)}: ${e(t.yuan(s.reward ?? 0))}</p><button type="submit">${e(t.claim)}</button></form>`
    : s.rewardClaimed
      ? `<p>${e(t.alreadyClaimed)}</p>`
      : '';
  const note =
    flash === 'answered'
      ? `<p class="ok" role="status">${e(t.answered)}</p>`
      : flash === 'claimed'
        ? `<p class="ok" role="status">${e(t.claimed)}</p>`
        : '';
  const body = `<h1>${e(t.check)}</h1>${note}
<dl><dt>${e(t.status)}</dt><dd class="state" data-state="${s.state}">${e(t.state[s.state])}</dd><dt>${e(t.receivedAt)}</dt><dd>${e(s.receivedAt.slice(0, 10))}</dd></dl>
${s.ledToResult ? `<p class="ok">${e(t.ledToResult)}</p>` : ''}
${messages}
${answer}
${reward}`;
  return page(lang, t.check, body, `/public/receipt?lang=${other(lang)}`);
}

export function problemPage(lang: Lang, kind: 'rate_limited' | 'error' | 'not_found'): string {
  const t = TEXT[lang];
  const [title, text] =
    kind === 'rate_limited'
      ? [t.tooMany, t.tooManyText]
      : kind === 'not_found'
        ? [t.pageNotFound, t.pageNotFoundText]
        : [t.error, t.errorText];
  return page(
    lang,
    title,
    `<h1>${e(title)}</h1><p>${e(text)}</p><p><a href="/public?lang=${lang}">${e(t.back)}</a></p>`,
    `/public?lang=${other(lang)}`,
  );
}

export const PUBLIC_CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1b1b1b;background:#f6f6f3}
header{background:#0b3d6b;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
header a{color:#fff}.site{font-weight:700;text-decoration:none}nav a{margin-right:1rem}
main{max-width:60rem;margin:0 auto;padding:1rem}
.notice{background:#fff;border-top:4px solid #b00;padding:1rem 1.25rem;margin-bottom:1.5rem}
.notice h1{text-align:center;font-size:1.4rem}
.wanted-list{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}
.wanted{background:#fff;padding:1rem;border:1px solid #ddd}.wanted img{float:right;margin-left:.5rem;object-fit:cover}
.wanted h3{margin:.2rem 0}dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;margin:.5rem 0}dt{color:#555}dd{margin:0}
.reward{color:#b00;font-weight:700}.id{font-family:ui-monospace,monospace}
form{background:#fff;padding:1rem;border:1px solid #ddd;max-width:40rem}
label{display:block;margin-top:.75rem;font-weight:600}input,select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #888;border-radius:3px}
fieldset{border:1px solid #ccc;margin-top:1rem}button{margin-top:1rem;font:inherit;padding:.6rem 1.4rem;background:#0b3d6b;color:#fff;border:0;border-radius:3px}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.errors{background:#fde8e8;border-left:4px solid #b00;padding:.5rem 1rem;margin:1rem 0}
.receipt{font:700 1.8rem/1.2 ui-monospace,monospace;letter-spacing:.1em;background:#fff;padding:1rem;border:2px dashed #0b3d6b;text-align:center}
.warn{background:#fff6d6;padding:.75rem}.ok{background:#e5f5e5;padding:.75rem}.privacy,.note{color:#444;font-size:.9rem}
.messages li{margin:.4rem 0}.pager{display:flex;gap:1rem;justify-content:center;margin:1rem 0}.about{margin:.25rem 0;font-weight:600}small{color:#555}`;
