#!/usr/bin/env node
// The `qingwang` command. It runs the JavaScript that `npm run build` compiles into build/ when that
// is newer than every server source; otherwise (no build yet, or sources edited since) it runs the
// TypeScript sources through tsx, which compiles them at every start.
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const compiled = join(root, 'build/cli/main.js');

/** True when build/ was compiled after the last change to src/ (the web app, built apart, aside). */
function buildIsCurrent() {
  let built;
  try {
    built = statSync(compiled).mtimeMs;
  } catch {
    return false;
  }
  const src = join(root, 'src');
  return readdirSync(src, { recursive: true }).every(
    (path) => path === 'web' || path.startsWith(`web${sep}`) || statSync(join(src, path)).mtimeMs <= built,
  );
}

if (buildIsCurrent()) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
