import { TooLargeError } from '../shared/errors.ts';

/**
 * Bounds on one import, so a huge or crafted file is refused instead of taking the server's memory
 * (issue 13, defect 5). The defaults hold a whole city's registry with room to spare.
 */
export interface ImportLimits {
  /** Largest file accepted from the browser. */
  maxUploadBytes: number;
  /** Largest total an .xlsx may inflate to (a zip bomb is refused before it is read). */
  maxUnpackedBytes: number;
  /** Most data rows in one file. */
  maxRows: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxUploadBytes: 200 * 1024 * 1024,
  maxUnpackedBytes: 1024 * 1024 * 1024,
  maxRows: 2_000_000,
};

/** A refused import reports at most this many bad rows (and how many there were in all). */
export const MAX_ROW_ERRORS = 1000;

const MIB = 1024 * 1024;

/** The limits from QINGWANG_MAX_UPLOAD_MB, QINGWANG_MAX_UNPACKED_MB and QINGWANG_MAX_IMPORT_ROWS. */
export function importLimits(env: NodeJS.ProcessEnv = process.env): ImportLimits {
  const d = DEFAULT_IMPORT_LIMITS;
  return {
    maxUploadBytes: positive(env, 'QINGWANG_MAX_UPLOAD_MB', d.maxUploadBytes / MIB) * MIB,
    maxUnpackedBytes: positive(env, 'QINGWANG_MAX_UNPACKED_MB', d.maxUnpackedBytes / MIB) * MIB,
    maxRows: positive(env, 'QINGWANG_MAX_IMPORT_ROWS', d.maxRows),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got ${text}`);
  return n;
}

/** The file is larger than the upload limit (HTTP 413). */
export function uploadTooLarge(limit: number): TooLargeError {
  return new TooLargeError(
    `the file is larger than ${Math.floor(limit / MIB)} MiB; split it or ask the administrator to raise QINGWANG_MAX_UPLOAD_MB`,
    { limitMb: Math.floor(limit / MIB) },
  );
}
