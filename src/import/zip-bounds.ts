import { createReadStream } from 'node:fs';
import { Unzip, UnzipInflate } from 'fflate';
import { DomainError } from '../shared/errors.ts';

/**
 * Inflates every entry of an .xlsx (a zip) once, counting the bytes it really produces and keeping
 * none of them, and refuses the file as soon as the total passes `limit`: a zip bomb (a small file
 * whose shared strings inflate to gigabytes) is stopped here, before the workbook reader holds any
 * of it. Counting the real output, not the sizes the archive declares, since those can lie.
 */
export async function checkUnpackedSize(path: string, limit: number): Promise<void> {
  let total = 0;
  const unzip = new Unzip((entry) => {
    entry.ondata = (error, data) => {
      if (error) throw error;
      total += data.length;
      if (total > limit) throw unpackedTooLarge(limit);
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  try {
    // Small chunks bound how far one push can inflate past the limit before it is noticed.
    for await (const chunk of createReadStream(path, { highWaterMark: 16 * 1024 }))
      unzip.push(chunk as Buffer);
    unzip.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw unreadableWorkbook();
  }
}

function unpackedTooLarge(limit: number): DomainError {
  const mb = Math.floor(limit / (1024 * 1024));
  return new DomainError(
    'unpacked_too_large',
    `the workbook unpacks to more than ${mb} MiB (a damaged or crafted file?); save it again from Excel or WPS, or import it as CSV; nothing was imported`,
    'file',
    { limitMb: mb },
  );
}

/** A workbook the readers cannot make sense of: said plainly, never with the library's own words. */
export function unreadableWorkbook(): DomainError {
  return new DomainError(
    'unreadable_workbook',
    'the file is not a workbook that can be read (damaged, or not really .xlsx/.xls); open it in Excel or WPS and save it again; nothing was imported',
    'file',
  );
}
