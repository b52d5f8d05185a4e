// The `qingwang` command. It calls the same services as the HTTP API, never SQL. Each command lives in
// commands/ and imports what it needs (database, services, report libraries) only when it runs, so
// `qingwang --help` loads commander and this table and nothing else.
import { Command } from 'commander';
import { DomainError, ImportRejected, formatRowError } from '../shared/errors.ts';
import { registerAnomalies } from './commands/anomalies.ts';
import { registerAudit } from './commands/audit.ts';
import { registerBackup } from './commands/backup.ts';
import { registerBulletin } from './commands/bulletin.ts';
import { registerCampaign } from './commands/campaign.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExport } from './commands/export.ts';
import { registerFugitive, registerReconcile } from './commands/fugitive.ts';
import { registerImport } from './commands/import.ts';
import { registerJobs } from './commands/jobs.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerPublicity } from './commands/publicity.ts';
import { registerReport } from './commands/report.ts';
import { registerReviews } from './commands/reviews.ts';
import { registerRewards } from './commands/rewards.ts';
import { registerSample } from './commands/sample.ts';
import { registerSanctions } from './commands/sanctions.ts';
import { registerServe } from './commands/serve.ts';
import { registerStandings } from './commands/standings.ts';
import { registerTemplate } from './commands/template.ts';
import { registerTips } from './commands/tips.ts';
import { registerToken } from './commands/token.ts';
import { registerUser } from './commands/user.ts';

// Output piped into `head` and the like: stop quietly when the reader goes away.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command('qingwang')
  .description('Qingwang (清网): command system for a campaign to clear the wanted-persons list')
  .showHelpAfterError();

/** The commands, in the order `--help` lists them. */
const COMMANDS: ((program: Command) => void)[] = [
  registerMigrate,
  registerImport,
  registerReconcile,
  registerFugitive,
  registerCampaign,
  registerStandings,
  registerPublicity,
  registerTips,
  registerAudit,
  registerBackup,
  registerAnomalies,
  registerSample,
  registerBulletin,
  registerReport,
  registerRewards,
  registerSanctions,
  registerReviews,
  registerJobs,
  registerExport,
  registerTemplate,
  registerUser,
  registerToken,
  registerDemo,
  registerServe,
];
for (const register of COMMANDS) register(program);

/** Turns refusals into readable messages and exit codes; a stack trace only with QINGWANG_DEBUG. */
async function report(error: unknown): Promise<void> {
  const { ZodError } = await import('zod');
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
