import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase as KyselySqliteDatabase,
  type SqliteStatement,
  type Transaction,
  sql,
} from 'kysely';
import pg from 'pg';
import { DEFAULT_DATABASE, isPostgresUrl } from '../config.ts';
import type { Database } from './tables.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface Store {
  /** The primary: every write, and every read inside a write. */
  db: Db;
  dialect: Dialect;
  /**
   * A streaming replica (READ_DATABASE_URL) for reads that tolerate a few seconds' lag: standings,
   * the registry's search, dashboards, exports (see http/read-replica.ts). Absent: all on `db`.
   */
  replica?: Db;
  close(): Promise<void>;
}

/** How long one SQLite statement waits, blocking, for another process's write lock. */
const SQLITE_BUSY_WAIT_MS = 100;

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** The database is locked by another writer (SQLite: another process, e.g. a CLI import). */
export function isBusy(error: unknown): boolean {
  const code = codeOf(error);
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * PostgreSQL's refusals of a transaction that collided with another and may well succeed when run
 * again: deadlock_detected (40P01), serialization_failure (40001) and lock_not_available (55P03,
 * a NOWAIT lock or a lock timeout). The transaction has been rolled back.
 */
const PG_COLLISIONS = new Set(['40P01', '40001', '55P03']);

export function isCollision(error: unknown): boolean {
  const code = codeOf(error);
  return typeof code === 'string' && PG_COLLISIONS.has(code);
}

/** Another writer was in the way: worth trying again later (HTTP 503 with Retry-After if it stays so). */
export function isTransient(error: unknown): boolean {
  return isBusy(error) || isCollision(error);
}

/**
 * Opens PostgreSQL for a `postgres://` URL, otherwise the SQLite file at that path (`:memory:` too);
 * with `replicaUrl` (PostgreSQL only), also a streaming replica of it for lag-tolerant reads.
 */
export function openStore(url: string = DEFAULT_DATABASE, replicaUrl?: string): Store {
  const postgres = isPostgresUrl(url);
  if (replicaUrl && !(postgres && isPostgresUrl(replicaUrl)))
    throw new Error('READ_DATABASE_URL needs DATABASE_URL and itself to be postgres:// URLs');
  const db = postgres ? openPostgres(url) : openSqlite(url);
  const replica = replicaUrl ? openPostgres(replicaUrl) : undefined;
  return {
    db,
    dialect: postgres ? 'postgres' : 'sqlite',
    ...(replica ? { replica } : {}),
    close: async () => {
      await Promise.all([db.destroy(), replica?.destroy()]);
    },
  };
}

/**
 * SQLite's page cache of a connection, KiB. Reads that miss it copy pages from the operating
 * system's cache of the file: with 128 MiB for every connection the cache was the largest part of
 * the server's memory (and again of each figures computation's connection, figures-worker.ts),
 * while its routes ran as fast with 16 MiB at 500,000 listings (bench/README.md).
 */
const SQLITE_CACHE_KIB = 16_384;
/** …and while bulk work runs (see `onOneConnection`): a large import's index inserts stay in memory. */
const SQLITE_BULK_CACHE_KIB = 131_072;

/** Rows ANALYZE reads per index on SQLite: enough to tell a selective index from one that is not. */
const SQLITE_ANALYSIS_LIMIT = 1000;

function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // better-sqlite3 waits synchronously, freezing the server: a short wait for a statement outside a
  // transaction, none when a transaction begins (see `beginWithoutWaiting`), and the rest as an
  // asynchronous bounded retry of the whole transaction (see `inTransaction`).
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_WAIT_MS}`);
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  // Statistics for the planner, as SQLite advises for long-lived connections: without them it
  // takes any index for selective, e.g. walks every verified clearance by status to find one
  // person's. The limit bounds each table's ANALYZE (~0.4 s at 500,000 listings the first time).
  sqlite.pragma(`analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`);
  sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  sqliteHandles.set(db, sqlite);
  return db;
}

/**
 * Kysely prepares every query anew; repeated statements (the chunks of an import, the same
 * query run again) reuse their prepared form instead. Bounded, oldest dropped first.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 200): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const begin = beginWithoutWaiting(sqlite);
  const prepare = (given: string): SqliteStatement => {
    if (given === 'begin') return begin;
    let statement = cache.get(given);
    if (!statement) {
      statement = sqlite.prepare(given);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(given, statement);
    }
    return statement;
  };
  return { prepare, close: () => sqlite.close() };
}

/**
 * A write transaction takes the write lock when it begins (`begin immediate`), so it waits there
 * instead of failing half-way when a read turns into a write while another process writes. It
 * waits between tries in `inTransaction`, not in SQLite's busy handler: that wait blocks the thread
 * and the one connection, so while an import held the lock every claim waiting for it stopped the
 * server's reads too (bench/README.md, issue 13).
 */
function beginWithoutWaiting(sqlite: SqliteDatabase.Database): SqliteStatement {
  const begin = sqlite.prepare('begin immediate');
  return {
    reader: false,
    run: (parameters) => {
      sqlite.pragma('busy_timeout = 0');
      try {
        return begin.run(parameters);
      } finally {
        sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_WAIT_MS}`);
      }
    },
    all: (parameters) => begin.all(parameters),
    iterate: (parameters) => begin.iterate(parameters),
  };
}

// Dates stay `YYYY-MM-DD` strings and counts plain numbers, as they are on SQLite.
const PG_DATE = 1082;
const PG_INT8 = 20;
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === PG_DATE) return (v: string) => v;
    if (oid === PG_INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format ?? 'text') as unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * The driver's own connection under the query builder, for the bulk work it cannot do fast:
 * PostgreSQL's COPY, SQLite's prepared statements in transactions of their own.
 */
export type RawConnection = { postgres: pg.ClientBase } | { sqlite: SqliteDatabase.Database };

/** The driver behind each database opened here (see `onOneConnection`). */
const pools = new WeakMap<Executor, pg.Pool>();
const sqliteHandles = new WeakMap<Executor, SqliteDatabase.Database>();

function openPostgres(url: string): Db {
  // No JIT: it compiles a statement whose estimate is large (a trigger over a bulk write's
  // transition tables, a table filled in the same transaction) for seconds, to run it in
  // milliseconds; the product's statements are short.
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypes, options: '-c jit=off' });
  // An idle connection dropped by the server (a restart, an administrator) must not crash the
  // process: the pool discards it and the next query opens a new one.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/**
 * Runs `work` on one connection, for work that keeps a temporary table between statements:
 * PostgreSQL's pool would hand successive statements to different connections. `work` also gets
 * that connection's driver (see RawConnection), except inside a transaction. SQLite has only one
 * connection, and taking it for the whole work would stop every other request, so there (and
 * inside a transaction, already on one connection) `work` gets the executor as it is; on SQLite the
 * work (an import) has the larger page cache while it runs.
 */
export async function onOneConnection<T>(
  db: Executor,
  work: (db: Executor, raw?: RawConnection) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db);
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    const sqlite = sqliteHandles.get(db);
    return sqlite ? withBulkCache(sqlite, () => work(db, { sqlite })) : work(db);
  }
  const pool = pools.get(db);
  if (!pool) return db.connection().execute((one) => work(one));
  // A query builder whose pool is this one client: its `connection()` takes the client once and
  // gives it back to the real pool when the work ends.
  const client = await pool.connect();
  const onClient = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: { connect: () => Promise.resolve(client), end: () => Promise.resolve() },
    }),
  });
  return onClient.connection().execute((one) => work(one, { postgres: client }));
}

/** How many bulk works run on each SQLite connection: the last to end gives the large cache back. */
const bulkWorks = new WeakMap<SqliteDatabase.Database, number>();

/** Runs `work` with SQLite's bulk page cache (imports of 500,000 listings ~10–20% faster). */
async function withBulkCache<T>(sqlite: SqliteDatabase.Database, work: () => Promise<T>): Promise<T> {
  const running = bulkWorks.get(sqlite) ?? 0;
  bulkWorks.set(sqlite, running + 1);
  if (running === 0) sqlite.pragma(`cache_size = -${SQLITE_BULK_CACHE_KIB}`);
  try {
    return await work();
  } finally {
    const left = bulkWorks.get(sqlite)! - 1;
    bulkWorks.set(sqlite, left);
    // Shrinking the cache frees its pages beyond the new size.
    if (left === 0 && sqlite.open) sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  }
}

/** The primary's current write-ahead log position (PostgreSQL), e.g. `0/3000148`. */
export async function primaryLsn(db: Db): Promise<string> {
  const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(db);
  return rows[0]!.lsn;
}

/**
 * Whether the replica has replayed the primary's log up to `lsn`, so that it shows every write
 * committed before that position. False on a server that is not in recovery (no replay position).
 */
export async function replayedUpTo(replica: Db, lsn: string): Promise<boolean> {
  const { rows } = await sql<{ done: boolean }>`
    select coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) as done`.execute(replica);
  return rows[0]?.done === true;
}
