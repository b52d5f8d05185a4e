// Synthetic listings for the benchmarks: valid GB 11643 ID numbers, listing agencies the caller
// chooses. `bench/city.ts` builds its city with them; run directly, it writes a fugitives CSV whose
// listing agencies are the leaf units (stations, squads) of the database DATABASE_URL names, e.g.
// the demo city's, to import beside a running server (see bench/README.md, issue 13):
//
//   DATABASE_URL=/tmp/loadrun/q.db node --import tsx bench/fugitives-csv.ts --rows 300000 --out /tmp/300k.csv
//        [--prefix L] [--seed 13]
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { addDays } from '../src/shared/dates.ts';

export const FUGITIVES_HEADER =
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward';
const CATEGORIES = ['homicide', 'robbery', 'theft', 'fraud', 'drugs', 'assault', 'other'];

/** A deterministic generator of numbers in [0, 1): the same seed gives the same file. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export interface SyntheticListing {
  no: string;
  listedOn: string;
  agency: string;
  /** The listing as a line of a fugitives CSV (FUGITIVES_HEADER). */
  row: string;
}

/** `count` listings numbered `${prefix}000000001`…, listed 1995–2011, each by `agency()`. */
export function* syntheticListings(
  count: number,
  random: () => number,
  agency: () => string,
  prefix = 'T',
): Generator<SyntheticListing> {
  for (let i = 1; i <= count; i += 1) {
    const listedOn = addDays('1995-01-01', Math.floor(random() * 6100));
    const birth = addDays('1950-01-01', Math.floor(random() * 15000));
    const no = `${prefix}${String(i).padStart(9, '0')}`;
    const by = agency();
    const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)]!;
    const first17 = `630102${birth.replaceAll('-', '')}${String(i % 1000).padStart(3, '0')}`;
    const idNumber = first17 + idCheckCharacter(first17);
    yield {
      no,
      listedOn,
      agency: by,
      row: `${no},Person ${i},,${birth},${idNumber},${category},offence,,${by},${listedOn},no,`,
    };
  }
}

/** Writes a CSV file line by line (the rows are never all in memory). */
export async function writeCsv(path: string, header: string, rows: Iterable<string>): Promise<string> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (const row of rows) if (!out.write(`${row}\n`)) await once(out, 'drain');
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '300000' },
      out: { type: 'string' },
      prefix: { type: 'string', default: 'L' },
      seed: { type: 'string', default: '13' },
    },
  });
  if (!values.out) throw new Error('--out FILE is needed');
  const { openStore } = await import('../src/db/connection.ts');
  const { unitTree } = await import('../src/areas/units/service.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { databaseUrl } = loadConfig();
  const store = openStore(databaseUrl);
  const units = await unitTree(store.db);
  await store.close();
  const parents = new Set(units.map((u) => u.parent));
  const leaves = units.filter((u) => !parents.has(u.code)).map((u) => u.code);
  if (leaves.length === 0) throw new Error(`${databaseUrl} holds no units: load the demo first`);
  const random = seededRandom(Number(values.seed));
  const rows = Number(values.rows);
  const listings = syntheticListings(
    rows,
    random,
    () => leaves[Math.floor(random() * leaves.length)]!,
    values.prefix,
  );
  await writeCsv(
    values.out,
    FUGITIVES_HEADER,
    (function* () {
      for (const l of listings) yield l.row;
    })(),
  );
  console.log(`${values.out}: ${rows} listings by ${leaves.length} units of ${databaseUrl}`);
}
