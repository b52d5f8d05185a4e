// Uploaded documents (scanned letters, sanction records, public photos): checked by their content
// and stored once under their SHA-256, whichever area they belong to.
import { createHash } from 'node:crypto';
import type { Context } from '../../shared/context.ts';
import { DomainError, TooLargeError } from '../../shared/errors.ts';
import { insertDocument } from './repo.ts';
import { DOCUMENT_TYPES, type DocumentType, MAX_DOCUMENT_BYTES, sniffDocumentType } from './rules.ts';

/**
 * The file's type if it is one of `accepted` (recognised by its content, not by what the client
 * says), not empty and at most 5 MiB; otherwise a refusal naming the field. `noun` names the file
 * ("scan", "photo"), `unsupported` says what is accepted.
 */
export function acceptUpload(
  bytes: Buffer,
  accepted: readonly DocumentType[],
  noun: string,
  unsupported: string,
): DocumentType {
  if (bytes.length === 0) throw new DomainError('empty_file', 'file: the file is empty', 'file');
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw new TooLargeError(`file: a ${noun} may be at most 5 MiB`, { limitMb: 5 });
  const mediaType = sniffDocumentType(bytes);
  if (!mediaType || !accepted.includes(mediaType))
    throw new DomainError('unsupported_type', `file: ${unsupported}`, 'file');
  return mediaType;
}

/** A scanned record (a letter, a sanction's minutes): PDF, PNG or JPEG. */
export function acceptScan(bytes: Buffer): DocumentType {
  return acceptUpload(
    bytes,
    DOCUMENT_TYPES,
    'scan',
    'only a PDF, PNG or JPEG scan is accepted, and this file is none of them',
  );
}

/** Stores the bytes (once, however often uploaded) and returns their SHA-256. */
export async function storeDocument(tx: Context, bytes: Buffer, mediaType: DocumentType): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await insertDocument(tx.db, {
    sha256,
    content: bytes,
    media_type: mediaType,
    size: bytes.length,
    created_at: tx.now.toISOString(),
  });
  return sha256;
}
