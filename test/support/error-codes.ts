// Every refusal code the server can emit, collected from its source (not a hand list), for the
// test that each has a Chinese and an English wording in the web app's catalogue.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ISSUE_CODES } from '../../src/shared/issues.ts';

/** The server's code that answers requests; the CLI, migrations and the demo loader answer none. */
const SERVER_DIRS = ['src/areas', 'src/http', 'src/import', 'src/shared'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

const ERROR_CLASSES = 'DomainError|ForbiddenError|ConflictError|AuthError';

/**
 * Constructions whose code is not a literal: each forwards a code that a rule spelled as a
 * literal (`code: '…'`, collected below), so the scan still sees it. A new one must be added here
 * after checking that.
 */
export const FORWARDING_SITES = [
  'src/shared/errors.ts: code', // refusalOf: a rule's Problem
  'src/shared/errors.ts: refusal.code', // conflictOf: a rule's Refusal
  'src/areas/leaders/service.ts: refusal.code', // a leaders rule's Refusal
  'src/areas/sanctions/service.ts: closing.code', // closingRefusal's Refusal
  'src/areas/tasks/service.ts: problem.code', // taskChangeProblem's Refusal
  'src/import/parse-file.ts: code', // a worker thread's DomainError, passed on
  'src/areas/accounts/service.ts: code', // AuthError's own constructor
  'src/areas/registry/upkeep.ts: code', // a row check's issue, keyed by issueRefusal
];

export interface CodeScan {
  codes: Set<string>;
  /** `what` nouns of NotFoundError, each worded as `what.<noun>`. */
  nouns: Set<string>;
  /** Constructions with a non-literal code that FORWARDING_SITES does not vouch for. */
  unvouched: string[];
}

export function scanErrorCodes(): CodeScan {
  const codes = new Set<string>([...ISSUE_CODES, 'not_found', 'too_large', 'import_rejected']);
  const nouns = new Set<string>();
  const unvouched: string[] = [];
  for (const dir of SERVER_DIRS) {
    for (const file of sources(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(new RegExp(`new (?:${ERROR_CLASSES})\\(\\s*([^,)]*)`, 'g'))) {
        const first = m[1]!.trim();
        const literal = /^'([a-z_]+)'$/.exec(first);
        if (literal) codes.add(literal[1]!);
        else if (first && !FORWARDING_SITES.includes(`${file}: ${first}`))
          unvouched.push(`${file}: ${first}`);
      }
      // super('code', …) in error classes; `code: 'x'` in rules' refusals, schemas' params and
      // error bodies; `code: 'a' | 'b'` unions of constructors.
      for (const m of text.matchAll(/super\(\s*'([a-z_]+)'/g)) codes.add(m[1]!);
      for (const m of text.matchAll(/\bcode\??:\s*((?:'[a-z_]+'\s*\|?\s*)+)/g))
        for (const c of m[1]!.matchAll(/'([a-z_]+)'/g)) if (c[1] !== 'custom') codes.add(c[1]!);
      // A bad row a service found: RowErrors.add(row, field, 'code', …).
      for (const m of text.matchAll(/errors\.add\(\s*[^,]+,\s*[^,]+,\s*'([a-z_]+)'/g)) codes.add(m[1]!);
      // A fallback code of a conditional: `code: domain ? error.code : 'read_failed'`.
      for (const m of text.matchAll(/\bcode:\s*[^,\n]*\?[^,\n]*:\s*'([a-z_]+)'/g)) codes.add(m[1]!);
      for (const m of text.matchAll(/new NotFoundError\(\s*'([a-z_]+)'/g)) nouns.add(m[1]!);
    }
  }
  // Route policies name the resource in their refusals (`out_of_scope`, `not_found`).
  const policy = readFileSync('src/http/policy.ts', 'utf8');
  for (const m of policy.matchAll(/^\s+(\w+): \{ param:/gm)) nouns.add(m[1]!);
  return { codes, nouns, unvouched };
}
