import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes CSV files of the given lines into a temporary directory of its own; returns each path. */
export function csvFileWriter(prefix: string): (lines: string[]) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let files = 0;
  return (lines) => {
    files += 1;
    const path = join(dir, `file-${files}.csv`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
}
