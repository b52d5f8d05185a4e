import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './connection.ts';
import * as campaignCore from './migrations/2026-11-28-01-campaign-core.ts';
import * as peopleAndWorkflows from './migrations/2026-11-28-02-people-and-workflows.ts';
import * as integrity from './migrations/2026-11-28-03-integrity.ts';
import * as rewardsAndBulletins from './migrations/2026-11-28-04-rewards-and-bulletins.ts';
import * as publicityAndTips from './migrations/2026-11-28-05-publicity-and-tips.ts';
import * as personsAndFrozenBaseline from './migrations/2026-12-01-01-persons-and-frozen-baseline.ts';
import * as targetsAndReviews from './migrations/2026-12-01-02-targets-and-reviews.ts';
import * as meetingsVisitsMerits from './migrations/2026-12-01-06-meetings-visits-merits.ts';
import * as serviceAccounts from './migrations/2026-12-01-08-service-accounts.ts';
import * as documents from './migrations/2026-12-01-11-documents.ts';
import * as trust from './migrations/2026-12-01-12-trust.ts';
import * as returns from './migrations/2026-12-01-13-returns.ts';
import * as bulletinCorrections from './migrations/2026-12-01-15-bulletin-corrections.ts';
import * as figuresVersion from './migrations/2026-12-02-01-figures-version.ts';
import * as reminders from './migrations/2026-12-02-16-reminders.ts';
import * as digestOptIn from './migrations/2026-12-02-17-digest-opt-in.ts';
import * as personMatchBackfill from './migrations/2026-12-02-20-person-match-backfill.ts';
import * as personSplits from './migrations/2026-12-02-30-person-splits.ts';
import * as claimOfficerRefs from './migrations/2026-12-02-31-claim-officer-refs.ts';
import * as jobHeartbeat from './migrations/2026-12-02-40-job-heartbeat.ts';
import * as signInFailures from './migrations/2026-12-02-50-sign-in-failures.ts';
import * as listingWithdrawals from './migrations/2026-12-02-51-listing-withdrawals.ts';
import * as campaignFacts from './migrations/2026-12-03-01-campaign-facts.ts';
import * as listingsByUnitAndDate from './migrations/2026-12-03-02-listings-by-unit-and-date.ts';
import * as complianceVersion from './migrations/2026-12-03-10-compliance-version.ts';
import * as registryVersion from './migrations/2026-12-03-11-registry-version.ts';
import * as activeCasesByCategory from './migrations/2026-12-03-16-active-cases-by-category.ts';
import * as remoteListingsByDate from './migrations/2026-12-03-40-remote-listings-by-date.ts';

/** Every migration, in order. Names sort by date; add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '2026-11-28-01-campaign-core': campaignCore,
  '2026-11-28-02-people-and-workflows': peopleAndWorkflows,
  '2026-11-28-03-integrity': integrity,
  '2026-11-28-04-rewards-and-bulletins': rewardsAndBulletins,
  '2026-11-28-05-publicity-and-tips': publicityAndTips,
  '2026-12-01-01-persons-and-frozen-baseline': personsAndFrozenBaseline,
  '2026-12-01-02-targets-and-reviews': targetsAndReviews,
  '2026-12-01-06-meetings-visits-merits': meetingsVisitsMerits,
  '2026-12-01-08-service-accounts': serviceAccounts,
  '2026-12-01-11-documents': documents,
  '2026-12-01-12-trust': trust,
  '2026-12-01-13-returns': returns,
  '2026-12-01-15-bulletin-corrections': bulletinCorrections,
  '2026-12-02-01-figures-version': figuresVersion,
  '2026-12-02-16-reminders': reminders,
  '2026-12-02-17-digest-opt-in': digestOptIn,
  '2026-12-02-20-person-match-backfill': personMatchBackfill,
  '2026-12-02-30-person-splits': personSplits,
  '2026-12-02-31-claim-officer-refs': claimOfficerRefs,
  '2026-12-02-40-job-heartbeat': jobHeartbeat,
  '2026-12-02-50-sign-in-failures': signInFailures,
  '2026-12-02-51-listing-withdrawals': listingWithdrawals,
  '2026-12-03-01-campaign-facts': campaignFacts,
  '2026-12-03-02-listings-by-unit-and-date': listingsByUnitAndDate,
  '2026-12-03-10-compliance-version': complianceVersion,
  '2026-12-03-11-registry-version': registryVersion,
  '2026-12-03-16-active-cases-by-category': activeCasesByCategory,
  '2026-12-03-40-remote-listings-by-date': remoteListingsByDate,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Brings the schema up to date; returns the names applied now. Throws with the failing migration named. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` ${failed.migrationName}` : '';
    throw new Error(
      `migration${name} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
