import { EVERYTHING } from '../../src/areas/accounts/rules.ts';
// The dialect loop: every store test runs on SQLite and on PostgreSQL (each test file gets fresh
// databases), as Kysely's own suite does.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { type Dialect, type Store, openStore } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Context } from '../../src/shared/context.ts';
import { keptFiguresDrift } from '../../src/areas/campaigns/service.ts';

export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

export interface TestStore extends Store {
  /** A connection string another process (the CLI) can open. */
  url: string;
  /** Closes the store and drops what it created. */
  dispose(): Promise<void>;
}

/** A new empty, migrated database of the dialect. */
export async function freshStore(dialect: Dialect, sqlitePath = ':memory:'): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const store = openStore(sqlitePath);
    await migrateToLatest(store.db);
    return {
      ...store,
      url: sqlitePath,
      dispose: async () => {
        await expectKeptFiguresRight(store);
        await store.close();
      },
    };
  }
  const server = inject('postgresUrl');
  const name = `qingwang_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(server, `create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const store = openStore(url.toString());
  await migrateToLatest(store.db);
  return {
    ...store,
    url: url.toString(),
    dispose: async () => {
      await expectKeptFiguresRight(store);
      await store.close();
      await adminQuery(server, `drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * Every test's history, whatever it did, must leave the kept counts the figures read equal to the
 * facts the persons give (issue 12): the triggers that keep them are checked by every scenario.
 */
async function expectKeptFiguresRight(store: Store): Promise<void> {
  // A migration test may leave the schema before the kept counts existed.
  const { rows } =
    await sql`select 1 from kysely_migration where name = '2026-12-03-01-campaign-facts'`.execute(store.db);
  if (rows.length === 0) return;
  const drift = await keptFiguresDrift(store.db);
  if (drift.length > 0) throw new Error(`kept figures drifted from the persons: ${JSON.stringify(drift)}`);
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export function contextFor(store: Store, now = new Date('2011-12-01T04:00:00Z'), actor = 'test'): Context {
  return { db: store.db, actor, now, scope: EVERYTHING };
}
