// Runs the `qingwang` command as a user would, against one database, and keeps its exit code and
// output whatever the outcome (a refusal is something the tests look at, not an exception).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function qingwang(url: string, ...args: string[]): Promise<CliResult> {
  return qingwangAs('cli-test', url, ...args);
}

/** The same, acting as someone else (QINGWANG_ACTOR): for what a second person must do. */
export async function qingwangAs(actor: string, url: string, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node', ['bin/qingwang.js', ...args], {
      env: { ...process.env, DATABASE_URL: url, QINGWANG_ACTOR: actor },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as CliResult;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
