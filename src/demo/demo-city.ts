// A synthetic city for demonstrations and tests: a bureau, its sub-bureaus and detachments, their
// stations and squads, ~5,000 listings over the years and a campaign under way. Deterministic: the
// same seed and anchor date always give the same city. All people are invented.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { type IsoDate, addDays } from '../shared/dates.ts';
import { idCheckCharacter } from '../areas/registry/rules.ts';
import type { CrimeCategory } from '../areas/registry/rules.ts';
import { CANCELLATION_REASONS } from '../areas/clearances/rules.ts';

/** Why the demo's warrants were withdrawn (any reason but "other", which needs an explanation). */
const DEMO_CANCELLATION_REASONS = CANCELLATION_REASONS.filter((r) => r !== 'other');

export interface DemoOptions {
  seed: number;
  /** "Today" in the demo: the campaign is 40 days old on this date. */
  anchor: IsoDate;
  /** Roughly how many listings to make. */
  fugitives?: number;
}

export interface DemoCity {
  units: Record<string, string>[];
  fugitives: Record<string, string>[];
  /** Verified clearances: history before the campaign and results since launch. */
  verified: Record<string, string>[];
  /** Claims still waiting for an inspector. */
  pending: Record<string, string>[];
  campaign: { name: string; baselineOn: IsoDate; startOn: IsoDate; deadlineOn: IsoDate };
}

const DISTRICTS = [
  {
    code: '630102',
    name: '城东分局',
    stations: ['东关', '清真巷', '大众街', '周家泉', '火车站', '八一路', '林家崖'],
  },
  {
    code: '630103',
    name: '城中分局',
    stations: ['人民街', '南滩', '仓门街', '礼让街', '饮马街', '南川西路'],
  },
  {
    code: '630104',
    name: '城西分局',
    stations: ['西关大街', '古城台', '虎台', '胜利路', '兴海路', '文汇路'],
  },
  { code: '630105', name: '城北分局', stations: ['朝阳', '小桥', '马坊', '大堡子', '廿里铺', '二十里铺'] },
  {
    code: '630121',
    name: '大通县公安局',
    stations: ['桥头', '城关', '塔尔', '东峡', '黄家寨', '长宁', '景阳'],
  },
  {
    code: '630122',
    name: '湟中县公安局',
    stations: ['鲁沙尔', '西堡', '上新庄', '田家寨', '多巴', '拦隆口'],
  },
  { code: '630123', name: '湟源县公安局', stations: ['城关', '大华', '东峡', '和平', '申中'] },
];
const DETACHMENTS = [
  { code: '630100-XZ', name: '刑事侦查支队', squads: ['重案大队', '侦查一大队', '侦查二大队', '追逃大队'] },
  { code: '630100-JD', name: '禁毒支队', squads: ['缉毒一大队', '缉毒二大队'] },
  { code: '630100-JZ', name: '经济犯罪侦查支队', squads: ['经侦一大队', '经侦二大队'] },
];
const OUTSIDE_AGENCIES = ['兰州市公安局', '西安市公安局', '成都市公安局', '海东市公安局', '格尔木市公安局'];

const CATEGORIES: [CrimeCategory, number, string][] = [
  ['theft', 25, '盗窃'],
  ['fraud', 14, '诈骗'],
  ['assault', 12, '故意伤害'],
  ['drugs', 12, '贩卖毒品'],
  ['robbery', 10, '抢劫'],
  ['homicide', 6, '故意杀人'],
  ['rape', 3, '强奸'],
  ['kidnapping', 2, '绑架'],
  ['arson', 2, '放火'],
  ['other', 14, '寻衅滋事'],
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高韩冶祁铁鲁星'.split('');
const GIVEN = '建国志强海军文华明亮小龙永福德胜玉兰秀英丽娟成林春生宝山金花有才占魁得福晓东'.split('');

class Dice {
  constructor(private readonly rng: RandomGenerator) {}
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }
  chance(p: number): boolean {
    return this.int(0, 9999) < p * 10000;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  weighted<T extends readonly [unknown, number, ...unknown[]]>(items: readonly T[]): T {
    const total = items.reduce((s, i) => s + i[1], 0);
    let roll = this.int(1, total);
    for (const item of items) {
      roll -= item[1];
      if (roll <= 0) return item;
    }
    return items[items.length - 1]!;
  }
  date(from: IsoDate, to: IsoDate): IsoDate {
    const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    return addDays(from, this.int(0, Math.max(0, span)));
  }
}

interface DemoUnit {
  code: string;
  name: string;
  kind: string;
  parent: string;
  /** How well the unit is doing in the campaign: the share of its baseline it clears by the deadline. */
  drive: number;
}

export function demoCity(options: DemoOptions): DemoCity {
  const dice = new Dice(xoroshiro128plus(options.seed));
  const target = options.fugitives ?? 5000;
  const startOn = addDays(options.anchor, -40);
  const campaign = {
    name: `清网行动 ${startOn.slice(0, 4)}`,
    baselineOn: addDays(startOn, -1),
    startOn,
    deadlineOn: addDays(startOn, 64),
  };

  const units: DemoUnit[] = [];
  const leaves: DemoUnit[] = [];
  const add = (u: Omit<DemoUnit, 'drive'>, leaf: boolean) => {
    // Most units run near the 50% line; some lag far behind and a few stations achieve nothing.
    const drive = dice.chance(0.08)
      ? 0
      : dice.chance(0.25)
        ? 0.15 + dice.int(0, 15) / 100
        : 0.45 + dice.int(0, 30) / 100;
    const unit = { ...u, drive };
    units.push(unit);
    if (leaf) leaves.push(unit);
  };
  add({ code: '630100', name: '西宁市公安局', kind: 'bureau', parent: '' }, false);
  for (const d of DISTRICTS) {
    add({ code: d.code, name: d.name, kind: 'sub_bureau', parent: '630100' }, false);
    d.stations.forEach((s, i) =>
      add(
        {
          code: `${d.code}-${String(i + 1).padStart(2, '0')}`,
          name: `${s}派出所`,
          kind: 'station',
          parent: d.code,
        },
        true,
      ),
    );
  }
  for (const d of DETACHMENTS) {
    add({ code: d.code, name: d.name, kind: 'detachment', parent: '630100' }, false);
    d.squads.forEach((s, i) =>
      add({ code: `${d.code}-${i + 1}`, name: s, kind: 'squad', parent: d.code }, true),
    );
  }

  // Units that achieve nothing capture nobody, not even for others: they are the zero-result ones.
  const capturers = leaves.filter((u) => u.drive > 0);
  const fugitives: Record<string, string>[] = [];
  const verified: Record<string, string>[] = [];
  const pending: Record<string, string>[] = [];
  const today = options.anchor;
  const yesterday = addDays(today, -1);
  let sequence = 0;

  for (let n = 0; n < target; n += 1) {
    const remote = dice.chance(0.05);
    const owner = dice.pick(leaves);
    const newListing = !remote && dice.chance(0.04); // listed after the baseline date
    const listedOn = newListing
      ? dice.date(campaign.startOn, yesterday)
      : dice.date(remote ? addDays(startOn, -720) : '1998-01-01', campaign.baselineOn);
    const [category, , offence] = dice.weighted(CATEGORIES);
    const person = invent(dice, listedOn);
    sequence += 1;
    const listingNo = `T${listedOn.slice(0, 4)}${String(sequence).padStart(6, '0')}`;
    fugitives.push({
      listing_no: listingNo,
      name: person.name,
      sex: person.sex,
      birth_date: person.birthDate,
      id_number: person.idNumber,
      crime_category: category,
      offence,
      case_no: `A${owner.code.slice(0, 6)}${listedOn.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`,
      listing_agency: remote ? dice.pick(OUTSIDE_AGENCIES) : owner.code,
      listed_on: listedOn,
      published: category === 'homicide' || (category === 'robbery' && dice.chance(0.3)) ? 'yes' : 'no',
      reward: category === 'homicide' ? String(dice.int(1, 10) * 5000) : '',
    });

    const clearance = (kind: string, on: IsoDate, capturer: string, persuader = '') => ({
      listing_no: listingNo,
      kind,
      occurred_on: on,
      capturing_unit: capturer,
      persuading_unit: persuader,
      place: '西宁市',
      evidence_ref:
        kind === 'arrest' || kind === 'surrender'
          ? `拘字〔${on.slice(0, 4)}〕${10000 + sequence}号`
          : kind === 'death'
            ? `死亡证明〔${on.slice(0, 4)}〕${10000 + sequence}号`
            : '',
      // Taken from the sequence, not the dice, so the demo's figures stay what they were.
      reason:
        kind === 'cancellation'
          ? DEMO_CANCELLATION_REASONS[sequence % DEMO_CANCELLATION_REASONS.length]!
          : '',
      // Entered within a few days of the event, as a bureau that keeps its records does.
      entered_at: minDate(addDays(on, sequence % 3), today),
    });

    if (remote) {
      // Listed elsewhere; some are caught here during the campaign (remote captures).
      if (dice.chance(0.3))
        verified.push(clearance('arrest', dice.date(startOn, yesterday), dice.pick(capturers).code));
      continue;
    }
    if (!newListing && listedOn < addDays(startOn, -60) && dice.chance(0.4)) {
      // History: cleared before the campaign, so not part of its baseline.
      const on = dice.date(addDays(listedOn, 1), addDays(startOn, -1));
      verified.push(clearance(dice.chance(0.9) ? 'arrest' : 'surrender', on, owner.code));
      continue;
    }
    // Share of the campaign gone by: a unit on course has cleared about drive × 40/64 so far.
    if (!dice.chance(owner.drive * (40 / 64) * 1.3)) {
      if (dice.chance(0.015))
        pending.push(clearance('arrest', dice.date(addDays(today, -6), yesterday), owner.code));
      continue;
    }
    const on = dice.date(listedOn > startOn ? listedOn : startOn, yesterday);
    const roll = dice.int(1, 100);
    const capturer = dice.chance(0.85)
      ? owner.code
      : dice.chance(0.5)
        ? dice.pick(capturers).code
        : dice.pick(OUTSIDE_AGENCIES);
    const c =
      roll <= 68
        ? clearance('arrest', on, capturer)
        : roll <= 88
          ? clearance('surrender', on, owner.code, dice.chance(0.3) ? dice.pick(capturers).code : '')
          : roll <= 92
            ? clearance('death', on, '')
            : clearance('cancellation', on, '');
    // A few recent results are still waiting for verification.
    (on >= addDays(today, -5) && dice.chance(0.35) ? pending : verified).push(c);
  }

  fugitives.push(...likelyDuplicates(fugitives, [...verified, ...pending], leaves, campaign, sequence));

  return {
    units: units.map((u) => ({ code: u.code, name: u.name, kind: u.kind, parent_code: u.parent })),
    fugitives,
    verified,
    pending,
    campaign,
  };
}

/**
 * A few listings that repeat someone already listed, without the resident ID number, as happens
 * when another agency or unit lists a fugitive whose identity it has not established: the same
 * name, sex and birth date make them suggested matches (疑似同一人) for the inspectors' queue.
 * One comes from an outside agency (协查), one from another station during the campaign, and one
 * is a namesake born the same day (an inspector keeps them apart). Taken from the city as made,
 * without the dice, so the rest of the demo stays what it was.
 */
function likelyDuplicates(
  fugitives: readonly Record<string, string>[],
  clearances: readonly Record<string, string>[],
  leaves: readonly DemoUnit[],
  campaign: { baselineOn: IsoDate; startOn: IsoDate },
  lastSequence: number,
): Record<string, string>[] {
  const cleared = new Set(clearances.map((c) => c.listing_no));
  const names = new Map<string, number>();
  for (const f of fugitives) names.set(f.name!, (names.get(f.name!) ?? 0) + 1);
  const local = new Set(leaves.map((u) => u.code));
  // Still at large, in the baseline, with an established identity, and a name only one person has.
  const originals = fugitives
    .filter(
      (f) =>
        local.has(f.listing_agency!) &&
        f.id_number !== '' &&
        f.listed_on! <= campaign.baselineOn &&
        !cleared.has(f.listing_no) &&
        names.get(f.name!) === 1,
    )
    .filter((_, i) => i % 97 === 0)
    .slice(0, 3);
  const elsewhere = (unit: string) => leaves.find((u) => u.code.slice(0, 6) !== unit.slice(0, 6))!.code;
  const how: { agency: (f: Record<string, string>) => string; listedOn: IsoDate; offence: string }[] = [
    { agency: () => OUTSIDE_AGENCIES[0]!, listedOn: addDays(campaign.startOn, -200), offence: '盗窃' },
    { agency: (f) => elsewhere(f.listing_agency!), listedOn: addDays(campaign.startOn, 10), offence: '诈骗' },
    {
      agency: (f) => elsewhere(f.listing_agency!),
      listedOn: addDays(campaign.startOn, 20),
      offence: '故意伤害',
    },
  ];
  return originals.map((f, i) => {
    const sequence = lastSequence + i + 1;
    const { agency, listedOn, offence } = how[i]!;
    const listingAgency = agency(f);
    return {
      ...f,
      listing_no: `T${listedOn.slice(0, 4)}${String(sequence).padStart(6, '0')}`,
      id_number: '',
      crime_category: offence === '盗窃' ? 'theft' : offence === '诈骗' ? 'fraud' : 'assault',
      offence,
      // An outside agency's case number is not ours to know.
      case_no: local.has(listingAgency)
        ? `A${listingAgency.slice(0, 6)}${listedOn.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`
        : '',
      listing_agency: listingAgency,
      listed_on: listedOn,
      published: 'no',
      reward: '',
    };
  });
}

function invent(dice: Dice, listedOn: IsoDate) {
  const sex = dice.chance(0.86) ? 'M' : 'F';
  const birthYear = Number(listedOn.slice(0, 4)) - dice.int(18, 60);
  const birthDate = `${birthYear}-${String(dice.int(1, 12)).padStart(2, '0')}-${String(dice.int(1, 28)).padStart(2, '0')}`;
  const name = dice.pick(SURNAMES) + dice.pick(GIVEN) + (dice.chance(0.6) ? dice.pick(GIVEN) : '');
  if (dice.chance(0.08)) return { name, sex, birthDate: '', idNumber: '' }; // identity never established
  const sequence = dice.int(0, 49) * 2 + (sex === 'M' ? 1 : 0);
  const first17 = `6301${String(dice.int(2, 23)).padStart(2, '0')}${birthDate.replaceAll('-', '')}${String(100 + sequence).slice(-3)}`;
  return { name, sex, birthDate, idNumber: first17 + idCheckCharacter(first17) };
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
