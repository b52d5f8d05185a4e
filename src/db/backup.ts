// Backup and restore of the whole database, for `qingwang backup` and `qingwang restore`: SQLite
// through its online backup (safe while the server runs), PostgreSQL through pg_dump/pg_restore.
import { spawn } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { DomainError } from '../shared/errors.ts';
import { isPostgresUrl } from '../config.ts';
import type { Store } from './connection.ts';

/** Copies the database at `url` into `file`. */
export async function backupDatabase(url: string, file: string): Promise<void> {
  if (isPostgresUrl(url)) {
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--file', file, url]);
    return;
  }
  const source = new SqliteDatabase(url, { readonly: true, fileMustExist: true });
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
}

/** Whether the database holds anything (an audit event or a unit): restoring over it loses data. */
export async function holdsData(store: Store): Promise<boolean> {
  try {
    const count = await sql<{ n: number | string }>`
      select (select count(*) from audit_events) + (select count(*) from units) as n`.execute(store.db);
    return Number(count.rows[0]?.n ?? 0) > 0;
  } catch {
    return false; // no tables yet
  }
}

/**
 * Replaces the database at `url` with the backup in `file` (the caller has made sure that nothing
 * is lost, or was told to go ahead). The server must be stopped. On PostgreSQL the objects the
 * backup holds are dropped first, so a migrated but empty database takes it too.
 */
export async function restoreDatabase(url: string, file: string): Promise<void> {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new DomainError('no_backup', `no such backup file ${file}`, 'file');
  if (isPostgresUrl(url)) {
    const clean = ['--clean', '--if-exists'];
    await runTool('pg_restore', ['--no-owner', '--exit-on-error', ...clean, '--dbname', url, file]);
    return;
  }
  const backup = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    // A write-ahead log left beside the old file would be replayed into the restored one.
    for (const suffix of ['-wal', '-shm']) rmSync(`${url}${suffix}`, { force: true });
    await backup.backup(url);
  } finally {
    backup.close();
  }
}

/** Runs pg_dump or pg_restore; says plainly when it is not installed. */
function runTool(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new DomainError(
              'tool_missing',
              `${tool} is not installed: install the PostgreSQL client tools of the server's version (e.g. apt install postgresql-client-15)`,
              undefined,
              { tool },
            )
          : e,
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new DomainError('tool_failed', `${tool} failed: ${errors.trim()}`, undefined, { tool })),
    );
  });
}
