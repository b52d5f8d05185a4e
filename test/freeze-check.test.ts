// Every request asks whether a campaign is due to freeze (its launch day has come). A store keeps the
// day and figures version at which none was, and asks the campaigns again only when either moves: a
// campaign changed through another connection (another server process) moves the version too.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createCampaign, freezeDueCampaigns, standings } from '../src/areas/campaigns/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { type Store, openStore } from '../src/db/connection.ts';
import { parseFile } from '../src/import/parse-file.ts';
import { csvFileWriter } from './support/csv-files.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const csv = csvFileWriter('qingwang-freeze-check-');
const TERMS = { name: '清网行动', baselineOn: '2011-10-16', startOn: '2011-10-17', deadlineOn: '2011-12-20' };
const EARLY = new Date('2011-10-10T04:00:00Z');
const frozenAt = async (store: Store) =>
  (await store.db.selectFrom('campaigns').select('frozen_at').executeTakeFirstOrThrow()).frozen_at;

describe.each(DIALECTS)('the freeze check on %s', (dialect) => {
  let store: TestStore;
  let other: Store | undefined;
  afterEach(async () => {
    await other?.close();
    await store.dispose();
  });

  it('freezes a campaign whose launch another connection moved to today, after this one found none due', async () => {
    const path =
      dialect === 'sqlite' ? join(mkdtempSync(join(tmpdir(), 'qingwang-freeze-')), 'q.db') : undefined;
    store = await freshStore(dialect, path);
    other = openStore(store.url);
    const here = contextFor(store, EARLY);
    await importUnits(
      here,
      parseFile('units', csv(['code,name,kind,parent_code', 'B,西宁市公安局,bureau,'])),
    );
    await createCampaign(here, TERMS); // launches on the 17th: not due on the 10th

    await freezeDueCampaigns(here);
    expect((await standings(here, {})).provisional).toBe(true);
    await freezeDueCampaigns(here); // the same day and version: nothing asked, nothing frozen
    expect(await frozenAt(store)).toBeNull();

    // Another process brings the launch forward to today: the figures version moves with it.
    await sql`update campaigns set start_on = '2011-10-10', baseline_on = '2011-10-09'`.execute(other.db);
    await freezeDueCampaigns(here);
    expect(await frozenAt(store)).not.toBeNull();
    expect((await standings(here, {})).provisional).toBe(false);
  });

  it('freezes on the first check of the launch day, with no write in between', async () => {
    store = await freshStore(dialect);
    const before = contextFor(store, EARLY);
    await importUnits(
      before,
      parseFile('units', csv(['code,name,kind,parent_code', 'B,西宁市公安局,bureau,'])),
    );
    await createCampaign(before, TERMS);
    expect((await standings(before, {})).provisional).toBe(true);
    expect((await standings(contextFor(store, new Date('2011-10-17T01:00:00Z')), {})).provisional).toBe(
      false,
    );
  });
});
