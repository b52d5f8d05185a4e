// The registry's pages (issue 12): a unit sees its own listings and the remote ones, which the
// search reads as two ordered parts merged. Whatever the sort, filter and page size, the pages taken
// one after another hold every listing the unit may see exactly once, in order, and the total
// counts them; on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../src/areas/accounts/rules.ts';
import { FUGITIVE_SORTS, type FugitivesQuery } from '../src/areas/registry/schema.ts';
import { importFugitives, searchRegistry } from '../src/areas/registry/service.ts';
import { correctFugitive } from '../src/areas/registry/upkeep.ts';
import { askWithdrawal, decideWithdrawal } from '../src/areas/registry/withdrawal.ts';
import { allUnits } from '../src/areas/units/repo.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import type { Context } from '../src/shared/context.ts';
import { csvFileWriter } from './support/csv-files.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const csv = csvFileWriter('qingwang-paging-');
const UNITS = csv([
  'code,name,kind,parent_code',
  'B,西宁市公安局,bureau,',
  'S1,城中分局,sub_bureau,B',
  'P1,城中派出所,station,S1',
  'P2,南门派出所,station,S1',
  'P3,城东派出所,station,B',
]);
// Few dates and names, so that many listings tie on the sort key and the order falls to the id.
const DATES = ['2009-03-01', '2010-07-15', '2011-01-04', '2011-06-30'];
const NAMES = ['an', 'bo', 'chen', 'du', 'fang'];
const AGENCIES = ['P1', 'P2', 'P3', '兰州市公安局', '西安市公安局'];
const LISTINGS = Array.from({ length: 73 }, (_, i) => ({
  listingNo: `F${String(i).padStart(3, '0')}`,
  name: NAMES[(i * 7) % NAMES.length]!,
  agency: AGENCIES[(i * 3) % AGENCIES.length]!,
  listedOn: DATES[(i * 5) % DATES.length]!,
  category: i % 4 === 0 ? 'homicide' : 'theft',
}));
const FUGITIVES_HEADER =
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward';
const FUGITIVES = csv([
  FUGITIVES_HEADER,
  ...LISTINGS.map((l) => `${l.listingNo},${l.name},,,,${l.category},案,,${l.agency},${l.listedOn},0,`),
]);

type Query = Partial<FugitivesQuery>;
const KEY = { listedOn: 'listedOn', listingNo: 'listingNo', name: 'name' } as const;

describe.each(DIALECTS)('registry pages on %s', (dialect) => {
  let store: TestStore;
  let city: Context;
  let subBureau: Context;

  beforeAll(async () => {
    store = await freshStore(dialect);
    city = contextFor(store, new Date('2011-11-10T04:00:00Z'), 'clerk');
    await importUnits(city, parseFile('units', UNITS));
    await importFugitives(city, parseFile('fugitives', FUGITIVES));
    const ids = (await allUnits(store.db))
      .filter((u) => ['S1', 'P1', 'P2'].includes(u.code))
      .map((u) => u.id);
    const scope: Scope = { all: false, unitIds: new Set(ids) };
    subBureau = { ...city, scope };
  });
  afterAll(() => store.dispose());

  /** Every page of a search, one after another, and the totals each page reported. */
  async function allPages(ctx: Context, query: Query, pageSize: number) {
    const seen = [];
    const totals = new Set<number>();
    for (let page = 1; ; page += 1) {
      const answer = await searchRegistry(ctx, { sort: '-listedOn', ...query, page, pageSize });
      totals.add(answer.total);
      if (answer.items.length === 0) break;
      seen.push(...answer.items);
    }
    return { seen, totals };
  }

  const visibleTo = (agencies: string[], keep: (l: (typeof LISTINGS)[number]) => boolean = () => true) =>
    LISTINGS.filter((l) => agencies.includes(l.agency) && keep(l))
      .map((l) => l.listingNo)
      .sort();
  const OWN_AND_REMOTE = ['P1', 'P2', '兰州市公安局', '西安市公安局'];

  it.each(FUGITIVE_SORTS)(
    'sorted by %s: every listing once, in order, for a unit and for the city',
    async (sort) => {
      const key = KEY[sort.replace('-', '') as keyof typeof KEY];
      const descending = sort.startsWith('-');
      for (const [ctx, agencies] of [
        [subBureau, OWN_AND_REMOTE],
        [city, AGENCIES],
      ] as const) {
        for (const pageSize of [1, 7, 50]) {
          const { seen, totals } = await allPages(ctx, { sort }, pageSize);
          expect(seen.map((f) => f.listingNo).sort()).toEqual(visibleTo([...agencies]));
          expect([...totals]).toEqual([seen.length]);
          const keys = seen.map((f) => f[key]);
          const ordered = [...keys].sort();
          expect(keys).toEqual(descending ? ordered.reverse() : ordered);
        }
      }
    },
  );

  it('keeps filters on both parts: category, text, a unit of the scope, remote only', async () => {
    const nos = async (query: Query) =>
      (await allPages(subBureau, query, 5)).seen.map((f) => f.listingNo).sort();
    expect(await nos({ category: 'homicide' })).toEqual(
      visibleTo(OWN_AND_REMOTE, (l) => l.category === 'homicide'),
    );
    expect(await nos({ q: 'chen' })).toEqual(visibleTo(OWN_AND_REMOTE, (l) => l.name === 'chen'));
    expect(await nos({ unit: 'P2' })).toEqual(visibleTo(['P2']));
    expect(await nos({ origin: 'remote' })).toEqual(visibleTo(['兰州市公安局', '西安市公安局']));
    const { totals } = await allPages(subBureau, { category: 'homicide' }, 4);
    expect([...totals]).toEqual([visibleTo(OWN_AND_REMOTE, (l) => l.category === 'homicide').length]);
  });
  it('counts again once a listing, a correction or a withdrawal changes what a search finds', async () => {
    const total = async (query: Query = {}) =>
      (await searchRegistry(subBureau, { sort: '-listedOn', page: 1, pageSize: 5, ...query })).total;
    const all = await total();
    const chen = await total({ q: 'chen' });
    expect(await total()).toBe(all); // kept, and the same

    await importFugitives(
      city,
      parseFile('fugitives', csv([FUGITIVES_HEADER, 'N001,chen,,,,theft,案,,P2,2011-09-01,0,'])),
    );
    expect([await total(), await total({ q: 'chen' })]).toEqual([all + 1, chen + 1]);

    // A name corrected moves no figure, but what a search by name finds.
    await correctFugitive(city, 'N001', { changes: { name: 'zhou' }, reason: '录入错字' });
    expect([await total(), await total({ q: 'chen' }), await total({ q: 'zhou' })]).toEqual([
      all + 1,
      chen,
      1,
    ]);

    await askWithdrawal({ ...subBureau, actor: 'officer' }, 'N001', { reason: '误录' });
    expect(await total()).toBe(all + 1); // asked, not yet withdrawn
    await decideWithdrawal({ ...city, actor: 'commander' }, 'N001', { approve: true });
    expect([await total(), await total({ q: 'zhou' }), await total({ status: 'withdrawn' })]).toEqual([
      all,
      0,
      1,
    ]);
  });
});
