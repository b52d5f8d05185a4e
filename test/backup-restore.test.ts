// Issue 13: `qingwang backup` then `qingwang restore` into an empty database gives the same
// standings and a passing deep check, on SQLite and PostgreSQL; restore refuses to overwrite a
// database that holds data unless told to.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../src/demo/load-demo.ts';
import { NOW, TODAY } from './support/http.ts';
import { DIALECTS, contextFor, freshStore } from './support/stores.ts';
import { qingwang } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-backup-'));

const digestOf = (out: string) => /standings digest \([^)]*\): ([0-9a-f]{64})/.exec(out)?.[1];

/** The major version of the installed pg_dump (0 when there is none). */
function pgDumpMajor(): number {
  try {
    return Number(/(\d+)\./.exec(execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

describe.each(DIALECTS)('backup and restore on %s', (dialect) => {
  it('restores into an empty database with the same standings and a passing deep check', async (test) => {
    const source = await freshStore(dialect, join(dir, `${dialect}-source.db`));
    const target = await freshStore(dialect, join(dir, `${dialect}-target.db`));
    try {
      if (dialect === 'postgres') {
        // pg_dump refuses a server newer than itself: CI's Debian client (15) cannot dump the
        // embedded server (17); the run against Debian's own server 15 covers PostgreSQL.
        const { rows } = await sql<{ server_version_num: string }>`show server_version_num`.execute(
          source.db,
        );
        const server = Math.floor(Number(rows[0]!.server_version_num) / 10_000);
        if (pgDumpMajor() < server) test.skip(`pg_dump ${pgDumpMajor()} cannot dump PostgreSQL ${server}`);
      }
      await loadDemo(contextFor(source, NOW, 'demo'), { seed: 5, anchor: TODAY, fugitives: 300 });
      const file = join(dir, `${dialect}.backup`);
      const backup = await qingwang(source.url, 'backup', file);
      expect(backup.code, backup.stderr).toBe(0);
      const before = digestOf(backup.stdout);
      expect(before).toBeDefined();

      const restored = await qingwang(target.url, 'restore', file);
      expect(restored.code, restored.stderr).toBe(0);
      expect(digestOf(restored.stdout)).toBe(before);
      expect(restored.stdout).toMatch(/tables: all \d+ rows match the seal/);
      expect(restored.stdout).toContain('history intact');

      const again = await qingwang(target.url, 'restore', file);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('the database already holds data');
      const forced = await qingwang(target.url, 'restore', '--force', file);
      expect(forced.code, forced.stderr).toBe(0);
      expect(digestOf(forced.stdout)).toBe(before);
    } finally {
      await source.dispose();
      await target.dispose();
    }
  }, 300_000);
});

it('says plainly that a backup file is missing', async () => {
  const res = await qingwang(join(dir, 'empty.db'), 'restore', join(dir, 'nope.backup'));
  expect(res.code).toBe(1);
  expect(res.stderr.trim()).toBe(`error: no such backup file ${join(dir, 'nope.backup')}`);
});
