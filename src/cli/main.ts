// The `qingwang` command. It calls the same services as the HTTP API, never SQL.
import { type KeyObject, createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EVERYTHING } from '../areas/accounts/rules.ts';
import type { Executor } from '../db/connection.ts';
import { Command, InvalidArgumentError } from 'commander';
import { ZodError } from 'zod';
import { listAnchors } from '../areas/audit/service.ts';
import { parseKey } from '../areas/audit/rules.ts';
import { verifyHistory } from '../areas/integrity/history.ts';
import { sealAndAnchor, sealFacts } from '../areas/integrity/deep-check.ts';
import { formatHistoryCheck, readAnchors } from './history-check.ts';
import { drawWeeklySample, findAnomalies, scanCampaign } from '../areas/integrity/service.ts';
import { importClearances } from '../areas/clearances/service.ts';
import {
  correctBaseline,
  createCampaign,
  findCampaign,
  freezeCampaign,
  freezeDueCampaigns,
  standings,
} from '../areas/campaigns/service.ts';
import { importFugitives } from '../areas/registry/service.ts';
import { importLetters } from '../areas/letters/service.ts';
import { countUnits } from '../areas/units/repo.ts';
import { importUnits } from '../areas/units/service.ts';
import { loadConfig } from '../config.ts';
import { type Store, openStore } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { backupDatabase, holdsData, restoreDatabase } from '../db/backup.ts';
import { DEMO_PASSWORD, DEMO_USERS, loadDemo } from '../demo/load-demo.ts';
import { type Role, ROLES, TOKEN_DAYS } from '../areas/accounts/rules.ts';
import {
  addServiceAccount,
  addUser,
  changePassword,
  issueToken,
  listServiceAccounts,
  revokeToken,
  setDisabled,
} from '../areas/accounts/service.ts';
import { userByName } from '../areas/accounts/repo.ts';
import { readPassword } from './read-password.ts';
import { buildServer } from '../http/server.ts';
import { noticeFile, publicityOverview } from '../areas/publicity/service.ts';
import { TIP_KEY_VARIABLE, loadTipKey, usingDemoKey } from '../areas/publicity/sealing.ts';
import { parseFile } from '../import/parse-file.ts';
import { IMPORT_TABLES, type ImportTable } from '../import/tables.ts';
import { importTemplate } from '../import/template.ts';
import type { Context } from '../shared/context.ts';
import { isIsoDate, localDate } from '../shared/dates.ts';
import { DomainError, ImportRejected, formatRowError } from '../shared/errors.ts';
import { formatStandings } from './format-standings.ts';
import { writeFile, readFile } from 'node:fs/promises';
import {
  type DocumentSettingsInput,
  bulletinData,
  bulletinFile,
  issueBulletin,
  letterFile,
  setDocumentSettings,
} from '../areas/bulletins/service.ts';
import { ledger, setRewardRules, syncLedger } from '../areas/rewards/service.ts';
import { continueCampaign, evaluateSanctions } from '../areas/sanctions/service.ts';
import { runReviewRound } from '../areas/reviews/service.ts';
import { CHECKPOINTS, type Checkpoint } from '../areas/sanctions/rules.ts';
import { LANGS, type Lang } from '../reports/labels.ts';
import { FORMATS, type Format, renderBulletin } from '../reports/render.ts';
import { ledgerXlsx, standingsXlsx } from '../reports/bulletin-xlsx.ts';
import { guidanceXlsx, meetingsXlsx, meritsXlsx, rectificationXlsx } from '../reports/practices-xlsx.ts';
import { listMeetings } from '../areas/meetings/service.ts';
import { guidanceView } from '../areas/guidance/service.ts';
import { listItems } from '../areas/rectification/service.ts';
import { officerMerits } from '../areas/merits/service.ts';

const config = loadConfig();

// Output piped into `head` and the like: stop quietly when the reader goes away.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Opens the configured database, migrated, runs `work` with a context, and closes it. */
async function withStore<T>(work: (ctx: Context, store: Store) => Promise<T>): Promise<T> {
  const store = openStore(config.databaseUrl);
  try {
    await migrateToLatest(store.db);
    const ctx: Context = { db: store.db, actor: config.cliActor, now: new Date(), scope: EVERYTHING };
    // The first command on or after a campaign's launch day freezes its baseline.
    await freezeDueCampaigns(ctx);
    return await work(ctx, store);
  } finally {
    await store.close();
  }
}

const isoDateArg = (value: string): string => {
  if (!isIsoDate(value)) throw new InvalidArgumentError('expected a date written YYYY-MM-DD');
  return value;
};
const fractionArg = (value: string): number => {
  const n = Number(value);
  if (!(n > 0 && n <= 1))
    throw new InvalidArgumentError('expected a fraction above 0 and at most 1, e.g. 0.5');
  return n;
};
const integerArg = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
};

const program = new Command('qingwang')
  .description('Qingwang (清网): command system for a campaign to clear the wanted-persons list')
  .showHelpAfterError();

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const store = openStore(config.databaseUrl);
    try {
      const applied = await migrateToLatest(store.db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    } finally {
      await store.close();
    }
  });

interface ImportOptions {
  verified?: boolean;
  campaign?: string;
}

const importers = {
  units: (ctx: Context, file: string) => importUnits(ctx, parseFile('units', file)),
  fugitives: (ctx: Context, file: string) => importFugitives(ctx, parseFile('fugitives', file)),
  clearances: (ctx: Context, file: string, o: ImportOptions) =>
    importClearances(ctx, parseFile('clearances', file), { verified: !!o.verified }),
  letters: (ctx: Context, file: string, o: ImportOptions) => {
    if (!o.campaign) throw new DomainError('usage', 'letters: say which campaign with --campaign <name>');
    return importLetters(ctx, o.campaign, parseFile('letters', file));
  },
};

program
  .command('import')
  .description('import a CSV, XLSX or XLS file; any bad row refuses the whole file')
  .argument('<what>', 'units, fugitives, clearances or letters')
  .argument('<file>', 'a .csv (UTF-8 or GBK), .xlsx or .xls file with the canonical (or Chinese) columns')
  .option('--verified', 'clearances only: mark them verified, as history from an older system')
  .option('--campaign <name>', 'letters only: the campaign the signed letters are for')
  .action(async (what: string, file: string, opts: ImportOptions) => {
    if (!(what in importers))
      throw new DomainError('usage', `cannot import ${what}: use units, fugitives, clearances or letters`);
    if (opts.verified && what !== 'clearances')
      throw new DomainError('usage', '--verified applies to clearances only');
    if (opts.campaign && what !== 'letters')
      throw new DomainError('usage', '--campaign applies to letters only');
    const started = performance.now();
    const summary = await withStore((ctx) => importers[what as keyof typeof importers](ctx, file, opts));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${what}: ${summary.rows} rows read, ${summary.inserted} imported, ${summary.unchanged} already registered (${seconds.toFixed(1)} s)`,
    );
  });

const campaign = program.command('campaign').description('campaigns');
campaign
  .command('create')
  .description('set up a campaign')
  .requiredOption('--name <name>', 'campaign name')
  .requiredOption(
    '--baseline <date>',
    'baseline date: people listed by then form the campaign baseline',
    isoDateArg,
  )
  .requiredOption('--start <date>', 'launch date', isoDateArg)
  .requiredOption('--deadline <date>', 'deadline', isoDateArg)
  .option('--year-end <date>', 'year-end assessment date (default 31 December)', isoDateArg)
  .option('--target <fraction>', 'target decline rate', fractionArg, 0.5)
  .option('--count-cancellations', 'let withdrawn warrants count toward the decline rate')
  .action(
    async (o: {
      name: string;
      baseline: string;
      start: string;
      deadline: string;
      yearEnd?: string;
      target: number;
      countCancellations?: boolean;
    }) => {
      const created = await withStore((ctx) =>
        createCampaign(ctx, {
          name: o.name,
          baselineOn: o.baseline,
          startOn: o.start,
          deadlineOn: o.deadline,
          yearEndOn: o.yearEnd,
          target: o.target,
          countedKinds: [
            'arrest',
            'surrender',
            'death',
            ...(o.countCancellations ? (['cancellation'] as const) : []),
          ],
        }),
      );
      console.log(
        `campaign ${created.name}: ${created.start_on} → ${created.deadline_on}, target ${created.target}`,
      );
    },
  );

campaign
  .command('freeze')
  .description("freeze a launched campaign's baseline snapshot now (it also freezes by itself at launch)")
  .requiredOption('--campaign <name>', 'campaign name')
  .action(async (o: { campaign: string }) => {
    const frozen = await withStore((ctx) => freezeCampaign(ctx, o.campaign));
    console.log(
      `campaign ${frozen.name}: baseline frozen at ${frozen.frozen_at}, digest ${frozen.baseline_digest}`,
    );
  });

campaign
  .command('documents')
  .description(
    'what official documents (.docx) print: issuing authority, number prefix, issuer, recipients, copies to, printer',
  )
  .requiredOption('--campaign <name>', 'campaign name')
  .option('--authority <text>', '发文机关 (default: the city bureau)')
  .option('--prefix <text>', '机关代字, as in 西公清网〔2011〕12号 (default: first character + 公清网)')
  .option('--issuer <text>', '签发人 (default: who issues)')
  .option('--recipients <text>', '主送机关')
  .option('--copies-to <text>', '抄送机关')
  .option('--printed-by <text>', "印发机关 (default: the authority's office)")
  .option('--notice-issuers <text>', '联合发布通告的机关, separated by 、 (default: the authority)')
  .action(async (o: { campaign: string } & DocumentSettingsInput) => {
    const { campaign: name, ...input } = o;
    const settings = await withStore((ctx) => setDocumentSettings(ctx, name, input));
    console.log(JSON.stringify(settings));
  });

campaign
  .command('letter')
  .description("a unit's signed responsibility letter (责任书) as an official .docx")
  .requiredOption('--campaign <name>', 'campaign name')
  .requiredOption('--unit <code>', 'the unit that signed')
  .requiredOption('-o, --output <file>', 'where to write it')
  .action(async (o: { campaign: string; unit: string; output: string }) => {
    const file = await withStore((ctx) => letterFile(ctx, o.campaign, o.unit));
    await writeFile(o.output, file.bytes);
    console.log(`letter written to ${o.output} (${file.bytes.length} bytes)`);
  });

campaign
  .command('notice')
  .description(
    'a version of the surrender notice (敦促投案自首通告) as an official .docx, signed by the issuing bodies',
  )
  .requiredOption('--campaign <name>', 'campaign name (its document settings name the issuers)')
  .requiredOption('--id <n>', "the notice version's id (GET /api/notices lists them)", integerArg)
  .requiredOption('-o, --output <file>', 'where to write it')
  .action(async (o: { campaign: string; id: number; output: string }) => {
    const file = await withStore((ctx) => noticeFile(ctx, o.campaign, o.id));
    await writeFile(o.output, file.bytes);
    console.log(`notice written to ${o.output} (${file.bytes.length} bytes)`);
  });

campaign
  .command('continue')
  .description(
    "after the year end: next year's follow-on campaign whose baseline is the unfinished units' still-active baseline persons",
  )
  .requiredOption('--from <name>', 'the campaign whose unfinished task is carried over')
  .requiredOption('--name <name>', 'name of the follow-on campaign')
  .requiredOption('--start <date>', 'launch date', isoDateArg)
  .requiredOption('--deadline <date>', 'deadline', isoDateArg)
  .action(async (o: { from: string; name: string; start: string; deadline: string }) => {
    const r = await withStore((ctx) =>
      continueCampaign(ctx, { from: o.from, name: o.name, startOn: o.start, deadlineOn: o.deadline }),
    );
    console.log(
      `campaign ${r.campaign} continues ${r.from}: ${r.persons} persons of ${r.units.length} unfinished units carried over, baseline digest ${r.baselineDigest}`,
    );
  });

campaign
  .command('correct-baseline')
  .description('take a listing proven entered in error out of the frozen baseline (audited)')
  .requiredOption('--campaign <name>', 'campaign name')
  .requiredOption('--listing <listing_no>', 'the listing entered in error')
  .requiredOption('--reason <text>', 'why the listing was in error')
  .action(async (o: { campaign: string; listing: string; reason: string }) => {
    const c = await withStore((ctx) =>
      correctBaseline(ctx, o.campaign, { listingNo: o.listing, reason: o.reason }),
    );
    console.log(
      `campaign ${c.campaign}: ${c.listingNos.join(', ')} (${c.unit.code}) taken out of the baseline`,
    );
  });

program
  .command('standings')
  .description("every unit's campaign figures, ranked within each level")
  .option('--campaign <name>', 'campaign name (default: the latest)')
  .option('--as-of <date>', 'figures as of this date (default: today)', isoDateArg)
  .option('--json', 'print JSON instead of a table')
  .action(async (o: { campaign?: string; asOf?: string; json?: boolean }) => {
    const result = await withStore((ctx) => standings(ctx, { campaign: o.campaign, asOf: o.asOf }));
    console.log(o.json ? JSON.stringify(result, null, 2) : formatStandings(result));
  });

program
  .command('publicity')
  .description(
    'publicity per week against surrenders, and tips received, open and leading to verified clearances',
  )
  .option('--from <date>', 'first day (default: the campaign launch)', isoDateArg)
  .option('--to <date>', 'last day (default: today)', isoDateArg)
  .option('--json', 'print JSON instead of a table')
  .action(async (o: { from?: string; to?: string; json?: boolean }) => {
    const result = await withStore((ctx) => publicityOverview(ctx, { from: o.from, to: o.to }));
    if (o.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    console.log(`week of      activities  posters  surrenders`);
    for (const w of result.weeks)
      console.log(
        `${w.week}  ${String(w.activities).padStart(10)}  ${String(w.posters).padStart(7)}  ${String(w.surrenders).padStart(10)}`,
      );
    const { received, open, ledToClearance } = result.tips;
    console.log(`tips: ${received} received, ${open} open, ${ledToClearance} led to a verified clearance`);
  });

const audit = program.command('audit').description('the audit chain and its signed anchors');

audit
  .command('verify')
  .description(
    'check the hash chain, every anchor against it, and each clearance against its audit events; name what is broken',
  )
  .option(
    '--public-key <file>',
    "Ed25519 public key (PEM) to check the anchors' signatures (default: from the environment)",
  )
  .option(
    '--anchors <file>',
    'anchors kept outside the database, one JSON object per line (as `audit anchor` prints)',
  )
  .option('--deep', 'also compare every row the figures and rewards read with the latest seal')
  .action(async (o: { publicKey?: string; anchors?: string; deep?: boolean }) => {
    const publicKey = anchorPublicKey(o.publicKey);
    const outsideAnchors = o.anchors ? readAnchors(o.anchors) : [];
    const check = await withStore((ctx) =>
      verifyHistory(ctx.db, { publicKey, outsideAnchors, deep: !!o.deep }),
    );
    const print = check.ok ? console.log : console.error;
    for (const line of formatHistoryCheck(check)) print(line);
    if (!check.ok) process.exitCode = 1;
  });

audit
  .command('anchor')
  .description('sign the chain head with QINGWANG_ANCHOR_KEY and keep the anchor; prints it as one JSON line')
  .action(async () => {
    const key = anchorPrivateKey();
    const anchor = await withStore((ctx) => sealAndAnchor(ctx, key));
    console.log(JSON.stringify(anchor));
  });

program
  .command('backup')
  .argument('<file>', 'where to write the backup')
  .description(
    'back up the whole database: SQLite online (safe while the server runs), PostgreSQL with pg_dump; prints the standings digest to compare after a restore',
  )
  .action(async (file: string) => {
    // Sealed first, so that the deep check after a restore compares every row with this moment.
    const digest = await withStore(async (ctx) => {
      await sealFacts(ctx);
      return standingsDigest(ctx);
    });
    await backupDatabase(config.databaseUrl, file);
    console.log(`backed up to ${file}`);
    console.log(digest);
  });

program
  .command('restore')
  .argument('<file>', 'a file `qingwang backup` wrote')
  .option('--force', 'replace a database that already holds data')
  .description(
    'restore a backup into the database (stop the server first), then run the deep audit check and print the standings digest',
  )
  .action(async (file: string, o: { force?: boolean }) => {
    const store = openStore(config.databaseUrl);
    const occupied = await holdsData(store).finally(() => store.close());
    if (occupied && !o.force)
      throw new DomainError(
        'database_not_empty',
        'the database already holds data: restoring would replace it; add --force if that is meant',
      );
    await restoreDatabase(config.databaseUrl, file);
    const { check, digest } = await withStore(async (ctx) => ({
      check: await verifyHistory(ctx.db, { publicKey: anchorPublicKey(), deep: true }),
      digest: await standingsDigest(ctx),
    }));
    const print = check.ok ? console.log : console.error;
    print(`restored from ${file}`);
    for (const line of formatHistoryCheck(check)) print(line);
    console.log(digest);
    if (!check.ok) process.exitCode = 1;
  });

/** A digest of today's standings JSON of the latest campaign: the same before a backup and after its restore. */
async function standingsDigest(ctx: Context): Promise<string> {
  const asOf = localDate(ctx.now);
  let json: string;
  try {
    json = JSON.stringify(await standings(ctx, { asOf }));
  } catch (e) {
    if (e instanceof DomainError && e.code === 'no_campaign') return 'standings digest: no campaign yet';
    throw e;
  }
  return `standings digest (latest campaign, as of ${asOf}): ${createHash('sha256').update(json).digest('hex')}`;
}

audit
  .command('seal')
  .description(
    'fingerprint every row of the tables the figures read; the digest goes into the audit chain (every anchor seals too)',
  )
  .action(async () => {
    const seal = await withStore((ctx) => sealFacts(ctx));
    const rows = Object.values(seal.tables).reduce((n, t) => n + t.rows, 0);
    console.log(`sealed ${rows} rows of ${Object.keys(seal.tables).length} tables at event ${seal.seq}`);
  });

audit
  .command('anchors')
  .description("print every anchor kept in the database, one JSON line each (for the inspectorate's copy)")
  .action(async () => {
    for (const anchor of await withStore((ctx) => listAnchors(ctx.db))) console.log(JSON.stringify(anchor));
  });

audit
  .command('keygen')
  .description('make a new Ed25519 key pair for anchors, printed as environment settings')
  .action(() => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const der = (k: KeyObject, type: 'pkcs8' | 'spki') =>
      k.export({ type, format: 'der' }).toString('base64');
    console.log(`QINGWANG_ANCHOR_KEY=${der(privateKey, 'pkcs8')}`);
    console.log(`QINGWANG_ANCHOR_PUBLIC_KEY=${der(publicKey, 'spki')}`);
    console.log(
      '# keep the first line secret (the server and `audit anchor`); give the second to the inspectorate',
    );
  });

function anchorPrivateKey(): KeyObject {
  if (!config.anchorKey)
    throw new DomainError(
      'no_anchor_key',
      'set QINGWANG_ANCHOR_KEY to sign anchors (`qingwang audit keygen` makes one)',
    );
  return parseKey(config.anchorKey, 'private');
}

function anchorPublicKey(file?: string): KeyObject | undefined {
  if (file) return parseKey(readFileSync(file, 'utf8'), 'public');
  if (config.anchorPublicKey) return parseKey(config.anchorPublicKey, 'public');
  return config.anchorKey ? createPublicKey(parseKey(config.anchorKey, 'private')) : undefined;
}

program
  .command('anomalies')
  .description('run the integrity rules (duplicate claims, relisting, cancellation spikes, back-dating, …)')
  .option('--campaign <name>', 'campaign name (default: the latest)')
  .option('--json', 'print JSON: [{"rule", "unit", "listing_no", "reason"}]')
  .option('--enqueue', "also put new findings into the inspectors' queue (as the web app's scan does)")
  .action(async (o: { campaign?: string; json?: boolean; enqueue?: boolean }) => {
    const found = await withStore(async (ctx) => {
      if (o.enqueue) {
        const scan = await scanCampaign(ctx, o.campaign);
        console.error(`${scan.added} new findings queued for inspectors`);
      }
      return findAnomalies(ctx, o.campaign);
    });
    if (o.json) {
      const rows = found.map((a) => ({
        rule: a.rule,
        unit: a.unit,
        listing_no: a.listingNo,
        reason: a.reason,
      }));
      console.log(JSON.stringify(rows, null, 2));
    } else if (found.length === 0) {
      console.log('no anomalies');
    } else {
      for (const a of found) console.log(`${a.rule}\t${a.unit ?? '—'}\t${a.listingNo ?? '—'}\t${a.reason}`);
      console.log(`${found.length} anomalies`);
    }
  });

program
  .command('sample')
  .description("draw a week's quality sample of verified clearances; the seed goes into the audit log")
  .option('--campaign <name>', 'campaign name (default: the latest)')
  .option(
    '--week <n>',
    'week of the campaign, 1 = the week of the launch date (default: the last whole week)',
    integerArg,
  )
  .action(async (o: { campaign?: string; week?: number }) => {
    const sample = await withStore((ctx) => drawWeeklySample(ctx, o));
    console.log(
      `week ${sample.week} (${sample.from} to ${sample.to}) of ${sample.campaign}: ${sample.checks.length} of ${sample.candidates} verified clearances, seed ${sample.seed}`,
    );
    for (const c of sample.checks)
      console.log(
        `${c.clearanceId}\t${c.listingNo}\t${c.kind}\t${c.occurredOn}\t${c.unit ?? '—'}\t${c.evidenceRef ?? '—'}`,
      );
  });

const langArg = (value: string): Lang => {
  if (!(LANGS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected ${LANGS.join(' or ')}`);
  return value as Lang;
};

program
  .command('bulletin')
  .description(
    'the daily bulletin (通报) of a campaign as HTML, PDF (A4), XLSX or an official .docx (GB/T 9704)',
  )
  .option('--campaign <name>', 'campaign name (default: the latest)')
  .option('--date <date>', 'figures as of this date (default: today)', isoDateArg)
  .option('--format <format>', FORMATS.join(', '), 'pdf')
  .requiredOption('-o, --output <file>', 'where to write it')
  .option('--lang <lang>', 'zh-CN (default) or en', langArg, 'zh-CN' as Lang)
  .option('--issue', 'issue it: number it and keep its data, as a commander does in the web app')
  .action(
    async (o: {
      campaign?: string;
      date?: string;
      format: string;
      output: string;
      lang: Lang;
      issue?: boolean;
    }) => {
      if (!(FORMATS as readonly string[]).includes(o.format))
        throw new DomainError('usage', `--format: expected ${FORMATS.join(', ')}`);
      const bytes = await withStore(async (ctx) => {
        if (!o.issue) {
          const draft = await bulletinData(ctx, { campaign: o.campaign, asOf: o.date });
          return renderBulletin(draft, o.format as Format, o.lang);
        }
        // Issued: written from the frozen data, exactly what every later download shows.
        const key = config.anchorKey ? parseKey(config.anchorKey, 'private') : undefined;
        const campaign = (await findCampaign(ctx.db, o.campaign)).name;
        const issued = await issueBulletin(ctx, campaign, o.date, key);
        return (await bulletinFile(ctx, issued.id, o.format as Format, o.lang)).bytes;
      });
      await writeFile(o.output, bytes);
      console.log(`bulletin written to ${o.output} (${bytes.length} bytes)`);
    },
  );

const rewards = program.command('rewards').description('reward rules and the ledger');
rewards
  .command('set-rules')
  .description("set a campaign's reward rules from a JSON file (a new version; the ledger is recomputed)")
  .argument('<file>', 'the rule set as JSON (see docs/rewards.md)')
  .option('--campaign <name>', 'campaign name (default: the latest)')
  .option('--note <text>', 'why the rules change')
  .action(async (file: string, o: { campaign?: string; note?: string }) => {
    const input = JSON.parse(await readFile(file, 'utf8')) as Parameters<typeof setRewardRules>[2];
    const result = await withStore(async (ctx) =>
      setRewardRules(ctx, o.campaign ?? (await findCampaign(ctx.db)).name, input, o.note),
    );
    console.log(
      `rules version ${result.version}: ${result.changes.added} entries booked, ${result.changes.reversed} reversed`,
    );
  });
rewards
  .command('sync')
  .description('bring the ledger up to date with the verified clearances and the active rules')
  .option('--campaign <name>', 'campaign name (default: the latest)')
  .action(async (o: { campaign?: string }) => {
    const result = await withStore(async (ctx) => syncLedger(ctx, await findCampaign(ctx.db, o.campaign)));
    console.log(
      result.version === null
        ? 'the campaign has no reward rules yet'
        : `ledger up to date (rules version ${result.version}): ${result.added} booked, ${result.reversed} reversed`,
    );
  });

program
  .command('sanctions')
  .description('turn the sanctions due at a checkpoint into tracked items (from the checkpoint date on)')
  .option('--campaign <name>', 'campaign name (default: the latest)')
  .option('--checkpoint <which>', CHECKPOINTS.join(' or '), 'deadline')
  .action(async (o: { campaign?: string; checkpoint: string }) => {
    if (!(CHECKPOINTS as readonly string[]).includes(o.checkpoint))
      throw new DomainError('usage', `--checkpoint: expected ${CHECKPOINTS.join(' or ')}`);
    const result = await withStore(async (ctx) =>
      evaluateSanctions(ctx, (await findCampaign(ctx.db, o.campaign)).name, o.checkpoint as Checkpoint),
    );
    console.log(`${result.checkpoint} (${result.asOf}): ${result.due} sanctions due, ${result.created} new`);
  });

const reviews = program.command('reviews').description('review items (点评) during the campaign');
reviews
  .command('round')
  .description(
    "this week's review round: lagging and zero-result units get a review item (run weekly, e.g. from cron)",
  )
  .option('--campaign <name>', 'campaign name (default: the latest)')
  .action(async (o: { campaign?: string }) => {
    const r = await withStore((ctx) => runReviewRound(ctx, o.campaign));
    console.log(
      `${r.campaign}, week of ${r.weekOf} (figures as of ${r.asOf}): ${r.due} units to review, ${r.created} new review items`,
    );
  });

const EXPORTS = ['standings', 'ledger', 'meetings', 'visits', 'rectification', 'merits'] as const;

program
  .command('export')
  .description(
    "Excel export of the standings, the ledger, meetings and their tasks, guidance visits, rectification items or officers' merits, with number and date cells",
  )
  .argument('<what>', EXPORTS.join(', '))
  .option('--campaign <name>', 'campaign name (default: the latest)')
  .option('--as-of <date>', 'standings as of this date (default: today)', isoDateArg)
  .requiredOption('-o, --output <file>', 'the .xlsx file to write')
  .option('--lang <lang>', 'zh-CN (default) or en', langArg, 'zh-CN' as Lang)
  .action(async (what: string, o: { campaign?: string; asOf?: string; output: string; lang: Lang }) => {
    if (!(EXPORTS as readonly string[]).includes(what))
      throw new DomainError('usage', `cannot export ${what}: use ${EXPORTS.join(', ')}`);
    const bytes = await withStore(async (ctx) => {
      const name = (await findCampaign(ctx.db, o.campaign)).name;
      switch (what as (typeof EXPORTS)[number]) {
        case 'standings':
          return standingsXlsx(await standings(ctx, { campaign: name, asOf: o.asOf }), o.lang);
        case 'ledger':
          return ledgerXlsx((await ledger(ctx, name, true)).entries, o.lang);
        case 'meetings':
          return meetingsXlsx((await listMeetings(ctx, name)).meetings, o.lang);
        case 'visits':
          return guidanceXlsx(await guidanceView(ctx, name, { asOf: o.asOf }), o.lang);
        case 'rectification':
          return rectificationXlsx((await listItems(ctx, {})).items, o.lang);
        case 'merits':
          return meritsXlsx(await officerMerits(ctx, name, o.asOf), o.lang);
      }
    });
    await writeFile(o.output, bytes);
    console.log(`${what} written to ${o.output}`);
  });

program
  .command('template')
  .description('an .xlsx import template: headers, drop-down lists and a sheet explaining each column')
  .argument('<what>', `${Object.keys(IMPORT_TABLES).join(', ')}`)
  .requiredOption('-o, --output <file>', 'the .xlsx file to write')
  .option('--lang <lang>', 'zh-CN (default: Chinese headers and values) or en', langArg, 'zh-CN' as Lang)
  .action(async (what: string, o: { output: string; lang: Lang }) => {
    if (!(what in IMPORT_TABLES))
      throw new DomainError('usage', `no template for ${what}: use ${Object.keys(IMPORT_TABLES).join(', ')}`);
    await writeFile(o.output, await importTemplate(what as ImportTable, o.lang));
    console.log(`${what} template written to ${o.output}`);
  });

const user = program.command('user').description('accounts');
user
  .command('add')
  .description('create an account (the password is asked for, or read from stdin with --password-stdin)')
  .argument('<username>')
  .requiredOption('--name <display name>', 'name shown in the app and the audit log')
  .requiredOption('--unit <code>', 'the unit the user belongs to')
  .requiredOption('--roles <roles>', `comma-separated: ${ROLES.join(', ')}`)
  .option('--password-stdin', 'read the password from standard input')
  .action(
    async (username: string, o: { name: string; unit: string; roles: string; passwordStdin?: boolean }) => {
      const password = await readPassword(!!o.passwordStdin);
      const roles = o.roles.split(',').map((r) => r.trim()) as Role[];
      await withStore((ctx) =>
        addUser(ctx, { username, displayName: o.name, unitCode: o.unit, roles, password }),
      );
      console.log(`user ${username} created`);
    },
  );
user
  .command('passwd')
  .description("set a user's password (ends their open sessions)")
  .argument('<username>')
  .option('--password-stdin', 'read the password from standard input')
  .action(async (username: string, o: { passwordStdin?: boolean }) => {
    const password = await readPassword(!!o.passwordStdin);
    await withStore((ctx) => changePassword(ctx, username, password));
    console.log(`password of ${username} changed`);
  });
user
  .command('disable')
  .description('disable an account and end its sessions')
  .argument('<username>')
  .action(async (username: string) => {
    await withStore((ctx) => setDisabled(ctx, username, true));
    console.log(`user ${username} disabled`);
  });

const token = program
  .command('token')
  .description("service accounts' bearer tokens, for other systems calling the API");
token
  .command('create')
  .description(
    'issue a token to a service account (creating the account with --unit and --roles); prints it once',
  )
  .argument('<account>')
  .requiredOption('--label <text>', 'what the token is for, e.g. "provincial dashboard"')
  .option('--days <n>', `valid for so many days (at most ${TOKEN_DAYS.max})`, integerArg, TOKEN_DAYS.default)
  .option('--write', 'may also change what its roles allow (default: read only)')
  .option('--unit <code>', 'create the account first, bound to this unit')
  .option('--roles <roles>', `with these comma-separated roles: ${ROLES.join(', ')}`)
  .option('--name <display name>', 'name of the new account in the app and the audit log')
  .action(
    async (
      account: string,
      o: { label: string; days: number; write?: boolean; unit?: string; roles?: string; name?: string },
    ) => {
      const issued = await withStore(async (ctx) => {
        if (o.unit) {
          const roles = (o.roles ?? '').split(',').map((r) => r.trim()) as Role[];
          await addServiceAccount(ctx, {
            username: account,
            displayName: o.name ?? account,
            unitCode: o.unit,
            roles,
          });
        }
        return issueToken(ctx, account, { label: o.label, days: o.days, readOnly: !o.write });
      });
      console.error(
        `token ${issued.id} for ${account}, ${issued.readOnly ? 'read-only' : 'read and write'}, expires ${issued.expiresAt}; it is shown only now:`,
      );
      console.log(issued.token);
    },
  );
token
  .command('list')
  .description('service accounts and their tokens (never the secrets)')
  .option('--json', 'as JSON')
  .action(async (o: { json?: boolean }) => {
    const { items } = await withStore((ctx) => listServiceAccounts(ctx));
    if (o.json) return console.log(JSON.stringify(items, null, 2));
    for (const a of items) {
      console.log(
        `${a.username}  ${a.unit.code} ${a.unit.name}  ${a.roles.join(',')}${a.disabled ? '  (disabled)' : ''}`,
      );
      for (const t of a.tokens)
        console.log(
          `  #${t.id}  ${t.label}  ${t.readOnly ? 'read-only' : 'read-write'}  ${t.status}  expires ${t.expiresAt}  last used ${t.lastUsedAt ?? 'never'}`,
        );
    }
  });
token
  .command('revoke')
  .description('revoke a token: refused from the next request on')
  .argument('<id>', 'the number `token list` shows', integerArg)
  .action(async (id: number) => {
    await withStore((ctx) => revokeToken(ctx, id));
    console.log(`token ${id} revoked`);
  });

program
  .command('demo')
  .description('load a synthetic city with a campaign under way into an empty database')
  .option('--seed <n>', 'random seed', integerArg, 2011)
  .option('--anchor <date>', '"today" in the demo (default: today)', isoDateArg)
  .action(async (o: { seed: number; anchor?: string }) => {
    const summary = await withStore((ctx) =>
      loadDemo(ctx, { seed: o.seed, anchor: o.anchor ?? localDate(ctx.now) }),
    );
    console.log(
      `demo loaded: ${summary.units} units, ${summary.fugitives} fugitives, ${summary.verified} verified and ${summary.pending} pending clearances; campaign ${summary.campaign}`,
    );
  });

program
  .command('serve')
  .description('start the web server (HOST, PORT)')
  .option('--demo-if-empty', 'load the demo city first when the database holds no units')
  .action(async (o: { demoIfEmpty?: boolean }) => {
    // Before anything else: refuses to start in production without the tip key, warns loudly without it elsewhere.
    loadTipKey();
    const store = openStore(config.databaseUrl);
    await migrateToLatest(store.db);
    const ctx = { db: store.db, actor: 'demo', now: new Date(), scope: EVERYTHING };
    if (o.demoIfEmpty && (await countUnits(store.db)) === 0) {
      console.log('empty database: loading the demo city…');
      const summary = await loadDemo(ctx, { seed: 2011, anchor: localDate(ctx.now) });
      console.log(
        `demo loaded: ${summary.units} units, ${summary.fugitives} fugitives; campaign ${summary.campaign}`,
      );
    }
    const anchorKey = config.anchorKey ? parseKey(config.anchorKey, 'private') : undefined;
    if (!anchorKey) console.warn('QINGWANG_ANCHOR_KEY is not set: audit anchors cannot be signed');
    const server = await buildServer({
      store,
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
      anchorKey,
      anchorPublicKey: anchorPublicKey(),
    });
    const address = await server.listen({ host: config.host, port: config.port });
    console.log(`Qingwang is running at ${address} (database: ${store.dialect})`);
    console.log(`API documentation: ${address}/api/docs`);
    console.log(`Public site (notice, wanted list, tips): ${address}/public`);
    if (usingDemoKey())
      console.warn(
        `WARNING: tips are sealed with the PUBLIC DEMO KEY; set ${TIP_KEY_VARIABLE} for real use.`,
      );
    if (await demoAccountsPresent(store.db)) {
      console.log(
        `Demo accounts (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(', ')}`,
      );
      console.log(
        `  e.g. curl -c jar -H 'content-type: application/json' -d '{"username":"commander","password":"${DEMO_PASSWORD}"}' ${address}/api/session`,
      );
    }
    const stop = () => {
      void server.close().then(() => store.close());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

/** True while the demo's accounts still have the demo password's names (a demo database). */
async function demoAccountsPresent(db: Executor): Promise<boolean> {
  return (await userByName(db, DEMO_USERS[0]!.username)) !== undefined;
}

/** Turns refusals into readable messages and exit codes; a stack trace only with QINGWANG_DEBUG. */
function report(error: unknown): void {
  if (error instanceof ImportRejected) {
    console.error(`import refused: ${error.message}`);
    for (const e of error.errors) console.error(`  ${formatRowError(e)}`);
  } else if (error instanceof ZodError) {
    for (const issue of error.issues)
      console.error(`error: ${issue.path.join('.') || 'input'}: ${issue.message}`);
  } else if (error instanceof DomainError) {
    console.error(`error: ${error.message}`);
  } else {
    const e = error as NodeJS.ErrnoException;
    console.error(
      e.code === 'ENOENT' ? `error: no such file ${e.path}` : `error: ${e.message ?? String(error)}`,
    );
    if (process.env.QINGWANG_DEBUG) console.error(error);
    process.exitCode = 2;
    return;
  }
  process.exitCode = 1;
}

await program.parseAsync(process.argv).catch(report);
