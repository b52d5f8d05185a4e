// The demo's practices of the campaign, made through the same audited services a bureau would use:
// the city's mobilisation meeting and later meetings with their tasks, the leader's guidance visits
// (one liaison unit never visited), an inspection with open, overdue and accepted rectification
// items, officers named on verified captures (so the merits tally proposes awards), and tips taken
// by telephone, letter and in person — one rewarded and paid.
import { changeTask } from '../areas/tasks/service.ts';
import { recordMeeting } from '../areas/meetings/service.ts';
import { recordVisit } from '../areas/guidance/service.ts';
import { setLiaisonUnits } from '../areas/leaders/service.ts';
import { addItems, decideItem, reportItem } from '../areas/rectification/service.ts';
import { recordInspection } from '../areas/supervision/service.ts';
import { decideMerit, nameClaimOfficers, officerMerits } from '../areas/merits/service.ts';
import { listClaims } from '../areas/clearances/service.ts';
import type { OfficerRefInput } from '../areas/clearances/schema.ts';
import type { ClaimOut } from '../areas/clearances/schema.ts';
import { searchRegistry } from '../areas/registry/service.ts';
import { closeTip, triageTip } from '../areas/publicity/service.ts';
import { enterTip, markReward, recordPayout } from '../areas/staff-tips/service.ts';
import { allUnits } from '../areas/units/repo.ts';
import type { Context } from '../shared/context.ts';
import { type IsoDate, addDays } from '../shared/dates.ts';
import { demoUser } from './publicity-demo.ts';

/** The leader's liaison units: two stations of the sub-bureau, and one elsewhere never visited. */
export const DEMO_LIAISONS = ['630102-01', '630102-02', '630105-01'];

export async function loadPracticesDemo(
  ctx: Context,
  campaign: { name: string; startOn: IsoDate },
  anchor: IsoDate,
): Promise<void> {
  const commander = await demoUser(ctx, 'commander');
  const leader = await demoUser(ctx, 'leader');
  const officer = await demoUser(ctx, 'officer');
  const inspector = await demoUser(ctx, 'inspector');
  const day = (n: number) => addDays(anchor, n);
  const units = await allUnits(ctx.db);
  const root = units.find((u) => u.parent_id === null)!;
  const subBureaus = units.filter((u) => u.parent_id === root.id).map((u) => u.code);

  // Measure 1: the city's mobilisation meeting on launch day, a weekly command meeting, a review.
  const mobilisation = await recordMeeting(commander, campaign.name, {
    kind: 'mobilization',
    heldOn: campaign.startOn,
    title: '全市追逃“清网行动”动员部署会议',
    chair: '王建国',
    attendingUnits: subBureaus,
    minutes:
      '传达全国、全省追逃“清网行动”电视电话会议精神，部署全市行动：以行动前网上在逃人员下降 50% 为目标，' +
      '各单位一把手为第一责任人，签订责任书；命案逃犯逐人落实“四个一”；每日通报，每周点评。',
    tasks: [
      {
        title: '制定本分局清网行动实施方案并报指挥部',
        owner: 'leader',
        unitCode: '630102',
        dueOn: addDays(campaign.startOn, 5),
      },
      {
        title: '梳理命案逃犯底数，逐人建立“四个一”档案',
        owner: 'officer',
        unitCode: '630102-01',
        dueOn: day(-2),
      },
      { title: '排查辖区流动人口中的在逃人员线索', owner: 'officer2', unitCode: '630103-01', dueOn: day(6) },
    ],
  });
  // 城东分局 mobilises its stations the next day; the city re-mobilises two weeks before the anchor.
  await recordMeeting(leader, campaign.name, {
    kind: 'mobilization',
    heldOn: addDays(campaign.startOn, 1),
    title: '城东分局清网行动动员部署会',
    chair: '李志强',
    attendingUnits: ['630102-01', '630102-02', '630102-03'],
    minutes: '传达全市动员部署会议精神，各所所长签订责任书，分局领导分片包所。',
    tasks: [],
  });
  await recordMeeting(commander, campaign.name, {
    kind: 'remobilization',
    heldOn: day(-14),
    title: '全市清网行动再动员再部署会议',
    chair: '王建国',
    attendingUnits: subBureaus,
    minutes: '通报行动过半的进度：下降率落后于进度线的单位逐一表态，命案逃犯缉捕再加力，劝投工作向亲属延伸。',
    tasks: [],
  });
  const plan = mobilisation.tasks.find((t) => t.owner === 'leader')!;
  await changeTask(leader, plan.id, { status: 'done', note: '实施方案已于行动第三天报指挥部。' });
  await recordMeeting(commander, campaign.name, {
    kind: 'weekly_command',
    heldOn: day(-7),
    title: '第五周指挥调度会',
    chair: '王建国',
    attendingUnits: subBureaus,
    minutes: '通报第五周战果与排名；城东分局劝投成效明显，城北分局进度落后，责令分析原因。',
    tasks: [
      { title: '组织城北分局点评会，落实追赶计划', owner: 'commander', unitCode: '630105', dueOn: day(3) },
    ],
  });
  await recordMeeting(leader, campaign.name, {
    kind: 'review',
    heldOn: day(-2),
    title: '城东分局清网行动点评会',
    chair: '李志强',
    attendingUnits: ['630102-01', '630102-02', '630102-03'],
    minutes: '逐所点评战果，零战果派出所说明原因并提出追赶措施。',
    tasks: [{ title: '零战果派出所一周内拿出追赶计划', owner: 'leader', unitCode: '630102', dueOn: day(5) }],
  });

  // Measure 2: the leader's liaison units and visits; 630105-01 waits for its first.
  await setLiaisonUnits(commander, 'leader', DEMO_LIAISONS);
  for (const [unitCode, offset, findings] of [
    ['630102-02', -20, '民警对劝投政策掌握不够，宣传发动不足。'],
    ['630102-01', -12, '命案逃犯档案缺少社会关系材料。'],
    ['630102-01', -3, '“四个一”档案已补齐，抓捕方案待审批。'],
  ] as const)
    await recordVisit(leader, campaign.name, {
      unitCode,
      visitedOn: day(offset),
      findings,
      tasks: [
        {
          title: '按指导意见整改并书面报告',
          owner: 'officer',
          unitCode: '630102-01',
          dueOn: day(offset + 7),
        },
      ].filter(() => unitCode === '630102-01'),
    });

  // Measure 6: an inspection's problems as rectification items — overdue, open, accepted.
  const inspection = await recordInspection(inspector, {
    unitCode: '630102-02',
    inspectedOn: day(-10),
    findings: '抽查追逃工作台账，发现 3 处问题。',
  });
  const { items } = await addItems(inspector, inspection.id, {
    items: [
      { unitCode: '630102-02', problem: '在逃人员档案未按月更新', deadlineOn: day(-4) },
      { unitCode: '630102-02', problem: '抓捕方案未经分局领导审批', deadlineOn: day(5) },
      { unitCode: '630102-02', problem: '追逃专班人员不足三人', deadlineOn: day(-1) },
    ],
  });
  await reportItem(leader, items[2]!.id, '已从治安、刑侦抽调民警，专班增至四人。');
  await decideItem(inspector, items[2]!.id, { decision: 'accept' });

  // Measure 5: officers named on verified captures; the tally proposes awards, one is decided.
  const captures = await verifiedCaptures(commander, campaign.startOn);
  // 张海军 and 赵文华 have accounts (officer, officer2) and are named by them; 马国庆 and 冶成林 have
  // none and are named by name.
  const named: [string, OfficerRefInput[], number][] = [
    ['630102-01', [{ username: 'officer' }, { name: '马国庆' }], 4],
    ['630102-01', [{ username: 'officer' }], 2],
    ['630103-01', [{ username: 'officer2' }], 2],
    ['630102-02', [{ name: '冶成林' }], 2],
  ];
  for (const [unitCode, officers, count] of named) {
    const mine = captures.filter(
      (c) => c.capturingUnit?.code === unitCode && c.capturingOfficers.length === 0,
    );
    for (const claim of mine.slice(0, count)) {
      const { capturingOfficers } = await nameClaimOfficers(commander, claim.id, {
        capturingOfficers: officers,
      });
      claim.capturingOfficers = capturingOfficers;
    }
  }
  const proposed = (await officerMerits(commander, campaign.name, anchor)).officers.find(
    (o) => o.proposal === 'commendation',
  );
  if (proposed)
    await decideMerit(commander, campaign.name, {
      ...(proposed.username
        ? { username: proposed.username }
        : { officer: proposed.officer, unitCode: proposed.unit.code }),
      award: 'commendation',
      decision: 'approved',
    });

  // Measure 4: tips taken by staff; one led to a capture, and its reward was paid.
  const instant = (d: IsoDate, time: string) => new Date(`${d}T${time}+08:00`).toISOString();
  await enterTip(officer, {
    channel: 'telephone',
    receivedAt: instant(day(-1), '21:40:00'),
    seen: '来电称在东关大街一家网吧见到一名与通缉照片相似的男子，常在夜间出入。',
    where: '东关大街',
    when: '近一周夜间',
    contactPhone: '13909710000',
  });
  await enterTip(officer, {
    channel: 'letter',
    receivedAt: instant(day(-4), '09:00:00'),
    seen: '匿名来信反映某在逃人员藏身于其亲戚在城郊的养殖场。',
    where: '城郊养殖场',
  });
  const cleared = await searchRegistry(officer, {
    unit: '630102-01',
    status: 'cleared',
    origin: 'local',
    sort: '-listedOn',
    page: 1,
    pageSize: 1,
  });
  const person = cleared.items[0];
  if (person) {
    const { id } = await enterTip(officer, {
      channel: 'in_person',
      receivedAt: instant(addDays(campaign.startOn, 3), '10:15:00'),
      listingNo: person.listingNo,
      seen: '群众到所反映该人近期在其打工的工地出现。',
      contactName: '李先生',
      contactPhone: '13800971234',
    });
    await triageTip(officer, id, { triage: 'credible', listingNo: person.listingNo });
    await closeTip(officer, id, 'led_to_clearance');
    await markReward(officer, id, 2000);
    await recordPayout(officer, id, { paidOn: anchor, paidBy: '张海军', receiptRef: 'JL-2026-0017' });
  }
}

/** Verified captures and surrenders since the launch, oldest first (a few pages are plenty). */
async function verifiedCaptures(ctx: Context, startOn: IsoDate): Promise<ClaimOut[]> {
  const out: ClaimOut[] = [];
  for (let page = 1; page <= 20; page += 1) {
    const { items } = await listClaims(ctx, { status: 'verified', page, pageSize: 200 });
    out.push(
      ...items.filter((c) => (c.kind === 'arrest' || c.kind === 'surrender') && c.occurredOn >= startOn),
    );
    if (items.length < 200) break;
  }
  return out;
}
