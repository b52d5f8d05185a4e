// The daily jobs (freeze at launch, the weekly review round, the reminders' digests, the audit
// anchor), each run once a day however many server processes or cron jobs try: the first to take
// the (job, day) row runs it, the others skip it. A job that fails gives its row back, so the next
// attempt runs it again; a run left unfinished past its lease (its process died) is taken over.
import type { KeyObject } from 'node:crypto';
import { hostname } from 'node:os';
import type { Context } from '../../shared/context.ts';
import { localDate } from '../../shared/dates.ts';
import { latestCampaign } from '../campaigns/repo.ts';
import { freezeDueCampaigns } from '../campaigns/service.ts';
import { anchorIfDue } from '../integrity/deep-check.ts';
import type { Mailer } from '../reminders/mail.ts';
import { sendDigests } from '../reminders/service.ts';
import { underWay } from '../reviews/rules.ts';
import { runReviewRound } from '../reviews/service.ts';
import * as repo from './repo.ts';
import type { Held } from './repo.ts';
import { HEARTBEAT_MS, type Job, jobsDue, leaseExpired } from './rules.ts';

export interface JobDeps {
  /** Signs the daily anchor; without it the anchor job does nothing. */
  anchorKey?: KeyObject;
  /** Mails the digests; without it they are only kept as notifications. */
  mailer?: Mailer;
  /** Who runs the jobs, as recorded (default: host and process id). */
  runner?: string;
  /** How often the runner renews a run while its job runs (default HEARTBEAT_MS). */
  heartbeatMs?: number;
  /** The clock the renewals are stamped with (default: the system's). */
  clock?: () => Date;
}

export interface JobResult {
  job: Job;
  /** `ran` here, `skipped` because another process (or an earlier run) took it, or `failed`. */
  status: 'ran' | 'skipped' | 'failed';
  outcome?: unknown;
  error?: string;
  /** The runner whose run was left unfinished past its lease, when this one took it over. */
  tookOverFrom?: string;
  /**
   * The run was taken over by another process while this one ran the job (its renewals did not
   * reach the database for a whole lease): the job may have run twice, and this runner's outcome
   * was not recorded.
   */
  lost?: true;
}

async function runJob(ctx: Context, job: Job, deps: JobDeps): Promise<unknown> {
  switch (job) {
    case 'freeze':
      await freezeDueCampaigns(ctx);
      return { frozen: true };
    case 'reviews': {
      const campaign = await latestCampaign(ctx.db);
      if (
        !campaign ||
        !underWay({ startOn: campaign.start_on, deadlineOn: campaign.deadline_on }, localDate(ctx.now))
      )
        return { skipped: 'no campaign under way' };
      return runReviewRound(ctx, campaign.name);
    }
    case 'digests':
      return sendDigests(ctx, deps.mailer);
    case 'anchor':
      if (!deps.anchorKey) return { skipped: 'no anchor key' };
      return { seq: (await anchorIfDue(ctx, deps.anchorKey))?.seq ?? null };
  }
}

/**
 * Takes the job's run of the day: a new row, or a row whose runner left it unfinished past its
 * lease (taken over: the job runs again). Undefined when another process holds it or it is done.
 */
async function takeRun(ctx: Context, run: Held): Promise<{ tookOverFrom?: string } | undefined> {
  if (await repo.claimRun(ctx.db, run)) return {};
  const found = await repo.runOf(ctx.db, run.job, run.day);
  if (!found || !leaseExpired(found, ctx.now)) return undefined;
  const stale = {
    job: run.job,
    day: run.day,
    runner: found.runner,
    at: found.started_at,
    renewedAt: found.renewed_at,
  };
  return (await repo.takeOverRun(ctx.db, stale, run)) ? { tookOverFrom: found.runner } : undefined;
}

/**
 * Renews the run every `heartbeatMs` while its job runs, so that no other process takes it for
 * dead however long the job takes. A renewal that fails (the database unreachable a moment) is
 * tried again at the next beat; once a renewal finds the row no longer this run's, none follows.
 */
function keepRenewing(ctx: Context, run: Held, deps: JobDeps): { stop(): Promise<void> } {
  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const beat = () => {
    if (lost) return;
    renewing = Promise.resolve()
      .then(() => repo.renewRun(ctx.db, run, (deps.clock?.() ?? new Date()).toISOString()))
      .then((held) => {
        if (!held) lost = true;
      })
      .catch(() => undefined);
  };
  const timer = setInterval(beat, deps.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await renewing;
    },
  };
}

/** Runs the jobs due today that no one has run yet today (or left unfinished past the lease), in order. */
export async function runDueJobs(ctx: Context, deps: JobDeps = {}): Promise<JobResult[]> {
  const day = localDate(ctx.now);
  const runner = deps.runner ?? `${hostname()}:${process.pid}`;
  const results: JobResult[] = [];
  for (const job of jobsDue(day)) {
    const run = { job, day, runner, at: ctx.now.toISOString() };
    const taken = await takeRun(ctx, run);
    if (!taken) {
      results.push({ job, status: 'skipped' });
      continue;
    }
    const heartbeat = keepRenewing(ctx, run, deps);
    const at = () => (deps.clock?.() ?? new Date()).toISOString();
    try {
      const outcome = await runJob(ctx, job, deps);
      await heartbeat.stop();
      const kept = await repo.finishRun(ctx.db, run, at(), JSON.stringify(outcome));
      results.push({ job, status: 'ran', outcome, ...taken, ...(kept ? {} : { lost: true }) });
    } catch (error) {
      await heartbeat.stop();
      const kept = await repo.releaseRun(ctx.db, run);
      results.push({
        job,
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
        ...taken,
        ...(kept ? {} : { lost: true }),
      });
    }
  }
  return results;
}
