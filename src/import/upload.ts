// An uploaded table file (multipart field "file") saved to a temporary file for a reader that
// works on paths, and removed afterwards, whatever happens.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../shared/errors.ts';
import { type ImportLimits, uploadTooLarge } from './limits.ts';
import { checkTableFileType } from './read-table.ts';

/** Runs `work` on the uploaded table file (CSV, XLSX or XLS, within the upload limit). */
export async function withUploadedTable<T>(
  request: FastifyRequest,
  limits: ImportLimits,
  work: (path: string) => Promise<T>,
): Promise<T> {
  const file = await request.file({ limits: { fileSize: limits.maxUploadBytes } });
  if (!file) throw new DomainError('no_file', 'send the file in the multipart field "file"', 'file');
  checkTableFileType(file.filename);
  const dir = await mkdtemp(join(tmpdir(), 'qingwang-upload-'));
  try {
    const path = join(dir, `upload${extname(file.filename).toLowerCase()}`);
    await pipeline(file.file, createWriteStream(path));
    if (file.file.truncated) throw uploadTooLarge(limits.maxUploadBytes);
    return await work(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
