// How long `qingwang --help` takes to start, beside a bare `node -e 0`, both run here one after the
// other (median of --runs, default 5). Run it with: node --import tsx bench/cli-start.ts [--runs 5]
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(args: string[]): number[] {
  return Array.from({ length: runs }, () => {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${run.status}`);
    return performance.now() - started;
  });
}

for (const [label, args] of [
  ['node -e 0', ['-e', '0']],
  ['qingwang --help', ['bin/qingwang.js', '--help']],
] as const) {
  const ms = time([...args]);
  console.log(
    `${label.padEnd(16)} median ${median(ms).toFixed(0)} ms  (runs: ${ms.map((m) => m.toFixed(0)).join(', ')})`,
  );
}
