// One integrity run in a process of its own, so that its peak RSS is the run's and not the import's
// before it: `rules` (findAnomalies, every finding returned) or `scan` (scanCampaign, into the queue).
// Run by registry-scale.ts: node --import tsx bench/integrity-run.ts <rules|scan> <database> <campaign>
// [claims a part] [findings a batch] (a scan's sizes, for trying others; the defaults otherwise).
import { EVERYTHING } from '../src/areas/accounts/rules.ts';
import { findAnomalies, scanCampaign } from '../src/areas/integrity/service.ts';
import { openStore } from '../src/db/connection.ts';
import { BENCH_NOW } from './city.ts';

const [what, databaseUrl, campaign, partClaims, batch] = process.argv.slice(2);
const store = openStore(databaseUrl);
const ctx = { db: store.db, actor: 'bench', now: BENCH_NOW, scope: EVERYTHING };
const sizes = {
  partClaims: partClaims ? Number(partClaims) : undefined,
  batch: batch ? Number(batch) : undefined,
};
const started = performance.now();
const findings =
  what === 'scan'
    ? (await scanCampaign(ctx, campaign, sizes)).found
    : (await findAnomalies(ctx, campaign)).length;
const ms = performance.now() - started;
await store.close();
console.log(JSON.stringify({ ms, findings, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
