// The demo's publicity: a published surrender notice in both languages (and a newer draft waiting
// for approval), the publicity log of the campaign so far, and a few tips from the public — made
// through the same services, and audited, as a bureau's own would be.
import { toActor } from '../areas/accounts/service.ts';
import {
  askTipster,
  decideNotice,
  draftNotice,
  logActivity,
  submitTip,
  triageTip,
} from '../areas/publicity/service.ts';
import { EVERYTHING } from '../areas/accounts/rules.ts';
import type { Context } from '../shared/context.ts';
import { type IsoDate, addDays } from '../shared/dates.ts';

export const DEMO_NOTICE = {
  titleZh: '西宁市公安局关于敦促在逃人员投案自首的通告',
  bodyZh:
    '为依法严厉打击刑事犯罪，维护社会治安稳定，给在逃人员以悔过自新的机会，根据《中华人民共和国刑法》《中华人民共和国刑事诉讼法》的有关规定，特通告如下：\n\n' +
    '一、在逃人员自本通告发布之日起至 2026 年 12 月 20 日前，主动到公安机关投案自首，如实供述自己罪行的，可以依法从轻或者减轻处罚；其中犯罪较轻的，可以免除处罚。\n\n' +
    '二、在逃人员的亲友应当规劝其尽快投案自首。\n\n' +
    '三、欢迎广大人民群众积极检举、揭发在逃人员的线索。对提供线索的群众，公安机关将严格保密；对提供重要线索的，按照规定给予奖励。\n\n' +
    '举报电话：110',
  titleEn: 'Notice of the Xining Public Security Bureau urging fugitives to surrender',
  bodyEn:
    'To fight crime under the law, keep the peace, and give fugitives a chance to turn over a new leaf, the bureau gives notice as follows, under the Criminal Law and the Criminal Procedure Law of the People’s Republic of China:\n\n' +
    '1. A fugitive who surrenders to any public security organ between the date of this notice and 20 December 2026 and truthfully confesses may be given a lighter or mitigated punishment under the law; for minor offences, punishment may be waived.\n\n' +
    '2. Relatives and friends of fugitives should urge them to surrender as soon as possible.\n\n' +
    '3. The public is welcome to report leads on fugitives. The police keep every tipster’s identity confidential, and important leads are rewarded according to the rules.\n\n' +
    'Hotline: 110',
};

const ACTIVITIES: {
  day: number;
  kind: 'press_conference' | 'tv_scroll' | 'poster' | 'online_post';
  unit: string;
  place: string;
  quantity: number | null;
  zh: string;
}[] = [
  {
    day: 0,
    kind: 'press_conference',
    unit: '630100',
    place: '市局新闻发布厅',
    quantity: null,
    zh: '清网行动启动新闻发布会，发布敦促投案自首通告',
  },
  { day: 1, kind: 'tv_scroll', unit: '630100', place: '西宁电视台', quantity: 14, zh: '通告滚动播出' },
  {
    day: 2,
    kind: 'poster',
    unit: '630102',
    place: '东关大街、火车站',
    quantity: 600,
    zh: '张贴通缉令和通告',
  },
  { day: 3, kind: 'poster', unit: '630103', place: '人民街、南滩', quantity: 450, zh: '张贴通缉令和通告' },
  { day: 5, kind: 'online_post', unit: '630100', place: '市局官方微博', quantity: 3, zh: '发布悬赏通缉令' },
  { day: 12, kind: 'poster', unit: '630121', place: '桥头镇、城关镇', quantity: 300, zh: '乡镇集市张贴' },
  { day: 15, kind: 'tv_scroll', unit: '630100', place: '青海电视台', quantity: 20, zh: '第二轮滚动播出' },
  {
    day: 21,
    kind: 'press_conference',
    unit: '630100',
    place: '市局新闻发布厅',
    quantity: null,
    zh: '通报行动阶段战果，公布第二批悬赏通缉人员',
  },
  {
    day: 22,
    kind: 'online_post',
    unit: '630100',
    place: '市局官方微信',
    quantity: 2,
    zh: '公布第二批悬赏通缉人员',
  },
  { day: 30, kind: 'poster', unit: '630104', place: '西关大街', quantity: 250, zh: '张贴通缉令' },
  {
    day: 36,
    kind: 'tv_scroll',
    unit: '630100',
    place: '西宁电视台',
    quantity: 10,
    zh: '通告滚动播出（截止日提醒）',
  },
];

/** Who acts in the demo: a context for one of its users. */
export async function demoUser(ctx: Context, username: string): Promise<Context> {
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { ...ctx, actor: username, user: toActor(row), scope: EVERYTHING };
}

/** Loads the demo's publicity into a database that has the demo city and its users. */
export async function loadPublicityDemo(ctx: Context, startOn: IsoDate): Promise<void> {
  const publicity = await demoUser(ctx, 'publicity');
  const commander = await demoUser(ctx, 'commander');
  const at = (day: number) => ({ now: new Date(`${addDays(startOn, day)}T02:00:00Z`) });

  const first = await draftNotice({ ...publicity, ...at(0) }, DEMO_NOTICE);
  await decideNotice({ ...commander, ...at(0) }, first.id, 'approve');
  await draftNotice(
    { ...publicity, ...at(38) },
    {
      ...DEMO_NOTICE,
      bodyZh: `${DEMO_NOTICE.bodyZh}\n\n（截止日前最后提醒）`,
      bodyEn: `${DEMO_NOTICE.bodyEn}\n\n(Last reminder before the deadline.)`,
    },
  );

  for (const a of ACTIVITIES) {
    await logActivity(
      { ...publicity, ...at(a.day) },
      {
        kind: a.kind,
        heldOn: addDays(startOn, a.day),
        place: a.place,
        quantity: a.quantity,
        description: a.zh,
        unitCode: a.unit,
      },
    );
  }

  // Tips: one about a published person of 东关派出所 (the demo officer's station), one for the
  // command centre, one in English.
  const published = await ctx.db
    .selectFrom('fugitives as f')
    .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
    .select(['f.listing_no', 'u.code'])
    .where('f.published', '=', 1)
    .where('f.exit_on', 'is', null)
    .where('u.code', '=', '630102-01')
    .orderBy('f.listing_no')
    .executeTakeFirst();
  const anonymous = {
    ...ctx,
    actor: 'public',
    user: undefined,
    scope: { all: false, unitIds: new Set<number>() },
  } as Context;
  const none = { name: null, phone: null, email: null, where: null, when: null };
  await submitTip(
    { ...anonymous, ...at(33) },
    {
      ...none,
      listingNo: published?.listing_no ?? null,
      seen: '前天晚上在东关大街一家面馆看到一个很像通缉令上的人，和两个人一起吃饭，说话带外地口音。',
      where: '东关大街清真寺附近的面馆',
      when: '两天前晚上八点左右',
      phone: '13900000000',
    },
    'zh',
  );
  await submitTip(
    { ...anonymous, ...at(37) },
    {
      ...none,
      listingNo: null,
      seen: '小区里新搬来一个男人，总是晚上出门，看着像电视上播的通缉人员。',
      where: '城北区朝阳',
      when: '这几天',
    },
    'zh',
  );
  const tips = await ctx.db.selectFrom('tips').select('id').orderBy('id').execute();
  const officer = await demoUser(ctx, 'officer');
  if (published && tips[0]) {
    await triageTip({ ...officer, ...at(34) }, tips[0].id, { triage: 'credible' });
    await askTipster({ ...officer, ...at(34) }, tips[0].id, '您看到他时他穿什么衣服？之后往哪个方向走了？');
  }
  await submitTip(
    { ...anonymous, ...at(39) },
    {
      ...none,
      listingNo: null,
      seen: 'I think I saw one of the men from the wanted posters at the railway station, boarding a bus to Huangzhong.',
      where: 'Xining railway station bus stop',
      when: 'Yesterday around 7 am',
      email: 'tipster@example.org',
    },
    'en',
  );
}
