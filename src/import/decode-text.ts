import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { DomainError } from '../shared/errors.ts';

/** The text encodings a bureau's files come in: Excel and WPS on Chinese Windows save CSV as GBK. */
export type TextEncoding = 'utf-8' | 'gb18030';

const HEAD_BYTES = 64 * 1024;
const REPLACEMENT = '\uFFFD';
const GB_NAMES = new Set(['GB18030', 'GB2312', 'GBK']);

/**
 * Names the encoding of a text file from its first bytes: a UTF-8 byte-order mark or valid UTF-8
 * is UTF-8; otherwise the detector must recognise Chinese GB text (GBK is a subset of GB18030).
 * Anything else (Latin-1, UTF-16, Big5, broken bytes…) is refused rather than guessed, since a
 * wrong guess would store garbled names.
 */
export async function detectEncoding(head: Uint8Array): Promise<TextEncoding> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    throw unreadable('UTF-16');
  if (isUtf8(head)) return 'utf-8';
  const { default: jschardet } = await import('jschardet'); // large, and UTF-8 files do not need it
  const guess = jschardet.detect(Buffer.from(head)).encoding;
  if (guess && GB_NAMES.has(guess)) return 'gb18030';
  // Say where the first byte is that GB18030 cannot read, so the user can find the broken cell.
  const text = iconv.decode(Buffer.from(head), 'gb18030');
  const bad = text.indexOf(REPLACEMENT);
  const line = bad >= 0 && bad < text.length - 1 ? 1 + countLines(text.slice(0, bad)) : undefined;
  throw unreadable(guess || 'unknown', line);
}

function unreadable(guess: string, line?: number): DomainError {
  const where = line === undefined ? '' : `line ${line} has bytes that are neither; `;
  return new DomainError(
    'unknown_encoding',
    `the file is neither UTF-8 nor GB18030/GBK text (${where}it looks like ${guess}): save it as "CSV UTF-8" or as .xlsx; nothing was imported`,
    'file',
    line === undefined ? { encoding: guess } : { encoding: guess, line },
  );
}

function undecodable(line: number, encoding: TextEncoding): DomainError {
  const name = encoding === 'utf-8' ? 'UTF-8' : 'GB18030/GBK';
  return new DomainError(
    'undecodable_text',
    `line ${line}: bytes that are not valid ${name} text (a character the encoding cannot hold); nothing was imported`,
    'file',
    { line, encoding },
  );
}

/** Valid UTF-8, allowing a character cut off at the end of the sample. */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The text of a file as a stream of strings, decoded from its detected encoding. A byte sequence
 * that does not decode (it would become U+FFFD) stops the stream with an error naming its line:
 * such a file is refused, never stored with replacement characters.
 */
export async function openText(path: string): Promise<Readable> {
  const file = await open(path); // fails here, readably, when the file is missing
  let head: Buffer;
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  const encoding = await detectEncoding(head);
  const raw = createReadStream(path);
  const decoded: NodeJS.ReadWriteStream = raw.pipe(iconv.decodeStream(encoding, { stripBOM: true }));
  let line = 1;
  const checked = new Transform({
    readableObjectMode: true,
    transform(chunk: string, _encoding, done) {
      const bad = chunk.indexOf(REPLACEMENT);
      if (bad >= 0) {
        done(undecodable(line + countLines(chunk.slice(0, bad)), encoding));
        return;
      }
      line += countLines(chunk);
      done(null, chunk);
    },
  });
  raw.on('error', (e) => checked.destroy(e));
  decoded.on('error', (e: Error) => checked.destroy(e));
  return decoded.pipe(checked);
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}
